import type { Command, Result } from '../../../../shared/app-api';
import { quoteFor } from '../../kitchen/answer-actions';
import { guestBoard } from '../../kitchen/guest-board';
import { kitchenLoad } from '../../kitchen/kitchen-load';
import { claimRendered } from '../../kitchen/render-claims';
import { ok, type CoreServices, type Operations } from './core-services';

type KitchenCore = Pick<CoreServices, 'actions' | 'publisher' | 'stream' | 'storage' | 'config' | 'clock' | 'pinRefusal'>;

/** Pausing the kitchen on the platform asks for the PIN where the terminal says so (answers.pausePin). */
function pauseRefusal(core: KitchenCore, command: Command): Result<never> | undefined {
  if (command.type !== 'PAUSE_KITCHEN' && command.type !== 'RESUME_KITCHEN') return undefined;
  if (!core.config.answers.pausePin) return undefined;
  return core.pinRefusal(command.pin ?? '', command.type === 'PAUSE_KITCHEN' ? 'pause the kitchen' : 'resume the kitchen');
}

/** The kitchen's work: cooks' actions, how much is still to cook, and its answers to the platform. */
export function kitchenOperations(core: KitchenCore): Operations<'execute' | 'kitchenLoad' | 'ticketsShown' | 'prepQuote' | 'guestBoard'> {
  const { merchantId, terminalId, stations } = core.config;
  return {
    execute: (command) => {
      const refused = pauseRefusal(core, command);
      if (refused) return refused;
      const result = core.actions.execute(command);
      if (result.ok) {
        core.publisher.wake();
        // The tapping cook sees the result at once, before the next coalesced delta.
        core.stream.flush();
      }
      return result;
    },
    kitchenLoad: () => ok(kitchenLoad(core.storage, core.config.kitchen, core.clock.now())),
    guestBoard: () =>
      ok(
        guestBoard(core.storage, core.clock.now(), {
          readyMinutes: core.config.screen.boardReadyMinutes,
          readyFrom: core.config.answers.readyFrom,
        }),
      ),
    ticketsShown: ({ orderIds }) => {
      const claimed = core.storage.transact((tx) => claimRendered(tx, { merchantId, terminalId, stations }, orderIds, core.clock.now()));
      if (claimed > 0) core.publisher.wake();
      return ok({ claimed });
    },
    prepQuote: ({ orderId }) => {
      const order = core.storage.orders.get(orderId);
      if (!order?.snapshot) return { ok: false, error: `unknown order ${orderId}` };
      return ok(quoteFor(core.storage, order, { timing: core.config.kitchen, answers: core.config.answers }, core.clock.now()));
    },
  };
}
