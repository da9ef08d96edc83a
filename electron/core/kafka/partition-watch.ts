/**
 * What the partition watch found: nothing; partitions added; the topic gone; a log that ends before what was
 * already read; partitions this terminal must read that its group's assignment left out while it
 * is alone in the group; or a partition with records waiting that nothing has read for a while.
 */
export type WatchFinding =
  | { kind: 'same' }
  | { kind: 'added'; partitions: number }
  | { kind: 'vanished' }
  | { kind: 'beyond-end'; partition: number }
  | { kind: 'unassigned'; partitions: number[] }
  | { kind: 'stalled'; partition: number; stored: string; logEnd: string; seconds: number };

/** Records waiting this long on a partition whose stored offset does not move make the session join again. */
export const STALL_WINDOW_MS = 15_000;
/**
 * While other partitions of the consumer move, a partition may just be waiting its turn (kafkajs
 * asks for partitions in one order, and a fetch fills up with a long backlog of the first ones):
 * it is stalled only after this many windows.
 */
const BUSY_WINDOWS = 4;
/** Each stall found in a row doubles the window, up to this: a rejoin that did not help is not repeated every few seconds. */
const STALL_WINDOW_CAP_MS = 5 * 60_000;

export interface WatchLook {
  /** This terminal's stored next offsets, read before the log ends are asked for. */
  storedOffsets: () => ReadonlyMap<number, string>;
  logEnds: () => Promise<readonly { partition: number; high: string }[]>;
  /** Partitions of the topic when the session positioned itself. */
  partitionCount: number;
  /** The partitions this session reads (every one, or the merchant's). */
  reading: readonly number[];
  /** What the group gave this terminal at its last join this session; undefined until it joined. */
  assigned: readonly number[] | undefined;
  /** Whether another member shares the group (asked only when the assignment lacks partitions). */
  othersInGroup: () => Promise<boolean>;
}

/**
 * One consumer's watch over its topic (topic-consumer.ts looks every few seconds). Each finding
 * but `same` makes the session join the group again, so a partition with records is never left
 * unread while the status bar says the terminal is up to date, whatever moment the topic changed:
 * - stored offsets are read **before** the broker is asked for the log ends: records applied
 *   while its answer travels would otherwise look beyond the end of the log;
 * - a join can hand out a stale set of partitions (partitions added while the group was being
 *   joined, a client's cached metadata): kafkajs itself notices only at its next metadata
 *   refresh, minutes later;
 * - whatever else keeps a partition from being read (a client that never fetches it) shows as
 *   records waiting under a stored offset that does not move.
 */
export class PartitionWatch {
  private waiting = new Map<number, { stored: string; since: number }>();
  /** Stored offsets of the assigned partitions at the last look, to tell a busy consumer from a stuck one. */
  private lastStored = new Map<number, string>();
  private stallWindowMs = STALL_WINDOW_MS;

  constructor(private readonly now: () => number) {}

  /** A new session, or a new assignment (a join): its partitions get a full window before they count as stalled. */
  sessionStarted(): void {
    this.waiting.clear();
    this.lastStored.clear();
  }

  /** The group was joined: partitions handed back after a while elsewhere start a fresh window. */
  joined(): void {
    this.sessionStarted();
  }

  async look(input: WatchLook): Promise<WatchFinding> {
    const stored = input.storedOffsets();
    let logs: readonly { partition: number; high: string }[];
    try {
      logs = await input.logEnds();
    } catch (error) {
      // The cluster answers that the topic is gone (deleted, perhaps to be created again): positions are planned afresh.
      if ((error as { type?: unknown }).type === 'UNKNOWN_TOPIC_OR_PARTITION') return { kind: 'vanished' };
      throw error;
    }
    if (logs.length > input.partitionCount) return { kind: 'added', partitions: logs.length };
    const beyond = logs.find((log) => BigInt(stored.get(log.partition) ?? '0') > BigInt(log.high));
    if (beyond) return { kind: 'beyond-end', partition: beyond.partition };
    if (input.assigned === undefined) return { kind: 'same' };
    const assigned = new Set(input.assigned);
    const missing = input.reading.filter((partition) => !assigned.has(partition));
    // Another member sharing the group is a terminal id used twice: the status says so, and joining again cannot help.
    if (missing.length > 0 && !(await input.othersInGroup())) return { kind: 'unassigned', partitions: missing };
    return this.stall(
      input.reading.filter((partition) => assigned.has(partition)),
      stored,
      logs,
    );
  }

  private stall(
    partitions: readonly number[],
    stored: ReadonlyMap<number, string>,
    logs: readonly { partition: number; high: string }[],
  ): WatchFinding {
    const now = this.now();
    const ends = new Map(logs.map((log) => [log.partition, log.high]));
    const busy = partitions.some((partition) => {
      const before = this.lastStored.get(partition);
      return before !== undefined && before !== stored.get(partition);
    });
    this.lastStored = new Map(partitions.flatMap((partition) => (stored.has(partition) ? [[partition, stored.get(partition) ?? '']] : [])));
    for (const partition of this.waiting.keys()) if (!partitions.includes(partition)) this.waiting.delete(partition);
    const windowMs = busy ? this.stallWindowMs * BUSY_WINDOWS : this.stallWindowMs;
    let behind = false;
    for (const partition of partitions) {
      const next = stored.get(partition);
      const logEnd = ends.get(partition);
      if (next === undefined || logEnd === undefined || BigInt(logEnd) <= BigInt(next)) {
        this.waiting.delete(partition);
        continue;
      }
      behind = true;
      const seen = this.waiting.get(partition);
      if (!seen || seen.stored !== next) {
        this.waiting.set(partition, { stored: next, since: now });
        continue;
      }
      if (now - seen.since >= windowMs) {
        this.stallWindowMs = Math.min(this.stallWindowMs * 2, STALL_WINDOW_CAP_MS);
        this.waiting.clear();
        return { kind: 'stalled', partition, stored: next, logEnd, seconds: Math.round((now - seen.since) / 1000) };
      }
    }
    if (!behind) this.stallWindowMs = STALL_WINDOW_MS;
    return { kind: 'same' };
  }
}
