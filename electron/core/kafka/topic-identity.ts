import type { Tx } from '../store/storage';

/** Forgets a topic's offsets and says why: its log is not the one they were read from. */
export function recordTopicReplaced(tx: Tx, topic: string, reason: string, lookBackMinutes: number, now: number): void {
  tx.offsets.clear(topic);
  tx.notices.add({
    topic,
    partition: null,
    kind: 'NEW_LOG',
    detail: `${topic} is a new log (${reason}): read again from the last ${lookBackMinutes} minutes`,
    lost: null,
    at: now,
  });
  tx.changes.status = true;
}
