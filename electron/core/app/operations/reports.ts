import { auditTimeline } from '../audit-timeline';
import { localDay, speedOfService, speedOfServiceCsv } from '../speed-of-service';
import { ok, type CoreServices, type Operations } from './core-services';

/** The reports screen: speed of service for a day (figures and CSV) and the audit trail of an order. */
export function reportOperations(
  core: Pick<CoreServices, 'config' | 'storage' | 'clock'>,
): Operations<'speedOfService' | 'speedOfServiceCsv' | 'auditSearch' | 'auditTimeline'> {
  const { config, storage, clock } = core;
  return {
    speedOfService: async ({ day }) => {
      const started = performance.now();
      const figures = await speedOfService(storage, {
        day: day ?? localDay(clock.now()),
        warnMinutes: config.screen.warnMinutes,
        lateMinutes: config.screen.lateMinutes,
        retentionDays: config.retention.closedOrderDays,
      });
      return ok({ ...figures, computedInMs: Math.round((performance.now() - started) * 10) / 10 });
    },
    speedOfServiceCsv: async ({ day }) => {
      const chosen = day ?? localDay(clock.now());
      return ok({
        fileName: `kds-speed-of-service-${chosen}.csv`,
        ...(await speedOfServiceCsv(storage, chosen, config.screen.lateMinutes)),
      });
    },
    auditSearch: ({ query }) => ok(storage.audit.find(query)),
    auditTimeline: ({ orderId }) => {
      const timeline = auditTimeline(storage, orderId, config.terminalId);
      return timeline
        ? ok(timeline)
        : { ok: false, error: `no order ${orderId} on this terminal (never received, or older than its history)` };
    },
  };
}
