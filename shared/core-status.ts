/** What the core reports about itself; the screen's status bar and diagnostics read it. */
export interface PartitionLag {
  partition: number;
  nextOffset: string | null;
  highWatermark: string | null;
  lag: number | null;
}

export interface CoreStatus {
  connection: {
    /** online: the cluster answers; offline: it does not (since `since`); refused: environment guard. */
    state: 'connecting' | 'online' | 'offline' | 'refused';
    since: string;
    detail?: string;
  };
  consumer: { state: 'starting' | 'running' | 'reconnecting' | 'refused' | 'stopped'; since: string; detail?: string };
  lag: PartitionLag[];
  totalLag: number | null;
  retryDepth: number;
  /** Cook actions saved here and not yet on the kitchen-events topic. */
  outbox: { pending: number; oldestAt: string | null; lastError: string | null };
  parked: number;
  deadLetters: number;
  counters: Record<string, number>;
}
