import type { CoreStatus } from '../../../shared/core-status';
import type { Log } from '../kafka/kafka-client';
import { systemClock, type Clock } from '../lib/clock';
import type { ChangeFeed } from '../store/change-feed';

/**
 * Background loops whose last pass threw (a full disk, a damaged database): each is shown in the
 * status until a pass succeeds again, so a stuck loop is never silent.
 */
export class FaultBoard {
  private readonly faults = new Map<string, CoreStatus['faults'][number]>();

  constructor(
    private readonly feed: ChangeFeed,
    private readonly log: Log,
    private readonly clock: Clock = systemClock,
  ) {}

  readonly report = (loop: string, error: Error): void => {
    this.log('error', `${loop}: ${error.message}`);
    const known = this.faults.get(loop);
    this.faults.set(loop, { loop, error: error.message, since: known?.since ?? new Date(this.clock.now()).toISOString() });
    this.feed.statusChanged();
  };

  readonly recovered = (loop: string): void => {
    if (this.faults.delete(loop)) this.feed.statusChanged();
  };

  list(): CoreStatus['faults'] {
    return [...this.faults.values()];
  }
}
