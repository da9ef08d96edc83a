import type { PartitionBounds } from './offset-health';

/**
 * What a topic consumer's sessions found out, for the status bar and the partition watch: the
 * partitions of the topic and those read when the session positioned itself, what the group gave
 * it at its last join, and each partition's log start and end as last seen. Read-only outside.
 */
export class ConsumerView {
  private count = 0;
  private read: readonly number[] | undefined;
  private given: readonly number[] | undefined;
  private readonly ends = new Map<number, string>();
  private starts = new Map<number, string>();

  /** Partitions of the topic when the session positioned itself. */
  get partitionCount(): number {
    return this.count;
  }

  /** Partitions this session reads (every one, or the merchant's); undefined before a session positioned them. */
  get reading(): readonly number[] | undefined {
    return this.read;
  }

  /** What the group gave this terminal at its last join this session; undefined until it joined. */
  get assigned(): readonly number[] | undefined {
    return this.given;
  }

  get logEnds(): ReadonlyMap<number, string> {
    return this.ends;
  }

  get logStarts(): ReadonlyMap<number, string> {
    return this.starts;
  }

  positioned(partitionCount: number, logs: readonly PartitionBounds[]): void {
    this.count = partitionCount;
    this.read = logs.map((log) => log.partition);
    this.given = undefined;
    this.ends.clear();
    for (const { partition, high } of logs) this.ends.set(partition, high);
    this.starts = new Map(logs.map((log) => [log.partition, log.low]));
  }

  joined(assigned: readonly number[]): void {
    this.given = assigned;
  }

  sawLogEnd(partition: number, high: string): void {
    this.ends.set(partition, high);
  }

  /**
   * Each terminal has its own group, so it must be given every partition it reads. Fewer means
   * another process joined the same group — two terminals configured with one terminal id, each
   * silently missing the other's share of tickets — or a crashed member not yet expired (which
   * clears itself at the next rebalance).
   */
  sharedGroupWarning(terminalId: string, topic: string): string | undefined {
    const reading = this.read ?? [];
    const given = reading.filter((partition) => this.given?.includes(partition)).length;
    if (reading.length === 0 || given >= reading.length) return undefined;
    return `terminal id "${terminalId}" is in use elsewhere: this screen gets ${given} of the ${reading.length} partitions it reads of ${topic}, so it misses tickets`;
  }
}
