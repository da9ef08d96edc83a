import type { DeadLetterView } from '../../../../shared/app-api';
import { KDS_VERSION } from '../../../../shared/product';
import { testKafkaConnection } from '../../kafka/connection-test';
import type { Storage } from '../../store/storage';
import { redactedConfig, withoutDataFolder } from '../diagnostics-export';
import { ok, type CoreServices, type Operations } from './core-services';

/** The newest dead letters as diagnostics show them (never their raw bytes). */
function deadLetterViews(storage: Storage): DeadLetterView[] {
  return storage.deadLetters.recent(50).map((letter) => ({
    id: letter.id,
    reason: letter.reason,
    detail: letter.detail,
    topic: letter.topic,
    partition: letter.partition,
    offset: letter.offset,
    orderId: letter.order_id,
    eventId: letter.event_id,
    rawSize: letter.raw_size,
    createdAt: new Date(letter.created_at).toISOString(),
  }));
}

/** The diagnostics screen and support: failed records, the support export, a replay of the orders topic, a connection test. */
export function diagnosticsOperations(
  core: Pick<CoreServices, 'config' | 'storage' | 'clock' | 'log' | 'recentLog' | 'status' | 'orderConsumer' | 'pinRefusal'>,
): Operations<'deadLetters' | 'diagnosticsExport' | 'replayOrders' | 'testConnection'> {
  const { config, storage, clock } = core;
  return {
    deadLetters: () => ok(deadLetterViews(storage)),
    diagnosticsExport: () =>
      ok(
        withoutDataFolder(
          {
            exportedAt: new Date(clock.now()).toISOString(),
            version: KDS_VERSION,
            config: redactedConfig(config),
            status: core.status.current(),
            deadLetters: deadLetterViews(storage),
            log: core.recentLog.all(),
          },
          config.dataDir,
        ),
      ),
    replayOrders: ({ since, pin }) => {
      const refused = core.pinRefusal(pin, 'a replay');
      if (refused) return refused;
      const at = Date.parse(since);
      if (at > clock.now()) return { ok: false, error: 'the replay must start in the past' };
      core.orderConsumer.replayFrom(at);
      core.log('warn', `support replay: the orders topic is read again from ${new Date(at).toISOString()}`);
      return ok({ since: new Date(at).toISOString() });
    },
    testConnection: () => testKafkaConnection(config),
  };
}
