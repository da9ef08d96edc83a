import type { CoreServices, Operations } from './core-services';

/** The kitchen's work: cooks' actions. */
export function kitchenOperations(core: Pick<CoreServices, 'actions' | 'publisher' | 'stream'>): Operations<'execute'> {
  return {
    execute: (command) => {
      const result = core.actions.execute(command);
      if (result.ok) {
        core.publisher.wake();
        // The tapping cook sees the result at once, before the next coalesced delta.
        core.stream.flush();
      }
      return result;
    },
  };
}
