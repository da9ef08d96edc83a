import { ok, type CoreServices, type Operations } from './core-services';

/** What a screen shows of the orders: the tickets with the status, the status alone, and the log notices staff have read. */
export function orderOperations(
  core: Pick<CoreServices, 'config' | 'storage' | 'clock' | 'stream' | 'status' | 'seqBase'>,
): Operations<'snapshot' | 'status' | 'acknowledgeNotices'> {
  const { screen, terminalId, stations } = core.config;
  return {
    snapshot: () => {
      core.stream.flush();
      const { seq, tickets } = core.stream.snapshot();
      return ok({
        seq: seq + core.seqBase,
        tickets,
        status: core.status.current(),
        screen: { ...screen, terminalId, stations, pausePin: core.config.answers.pausePin },
      });
    },
    status: () => ok(core.status.current()),
    acknowledgeNotices: ({ uptoId }) =>
      ok(
        core.storage.transact((tx) => {
          tx.changes.status = true;
          return { acknowledged: tx.notices.acknowledge(uptoId, core.clock.now()) };
        }),
      ),
  };
}
