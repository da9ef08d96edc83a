/**
 * A repository that, inside a transaction run without a savepoint per record, keeps what it is
 * given and writes it once at the end (storage.ts runs every such one around the work): a chunk of
 * a catch-up then writes each order once and its receipts many rows to a statement.
 */
export interface DeferredWrites {
  /** From now until `writeDeferred`, writes wait in memory. */
  deferWrites(): void;
  /** Writes what waited, and writes at once again. */
  writeDeferred(): void;
}
