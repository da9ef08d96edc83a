import { describe, expect, it } from 'vitest';
import { startTerminal, type Terminal } from '../../electron/core/app/terminal';
import { createTopics, testConfig, waitFor } from '../support/core-harness';
import { testBootstrap, testKafka } from '../support/kafka';

const warning = (core: Terminal) => core.status().consumer.detail ?? '';

describe('terminal identity', () => {
  it(
    'two terminals configured with one terminal id are told so (each misses tickets); the warning clears when one leaves',
    { timeout: 90_000 },
    async () => {
      const first = testConfig(testBootstrap());
      await createTopics(testKafka(), first, 3);
      const a = startTerminal(first, { log: () => undefined });
      let b: Terminal | undefined;
      try {
        await waitFor('the first terminal to run alone', () => a.status().consumer.state === 'running' && warning(a) === '', 30_000);
        b = startTerminal(testConfig(testBootstrap(), { env: first.env }), { log: () => undefined });
        const second = b;
        await waitFor(
          'a warning on both screens',
          () => [a, second].every((core) => warning(core).includes('terminal id "grill-1" is in use elsewhere')),
          40_000,
        );
        expect(warning(a)).toMatch(/gets [12] of the 3 partitions/);
        await b.stop();
        await waitFor(
          'the warning to clear once the other terminal left',
          () => warning(a) === '' && a.status().consumer.state === 'running',
          40_000,
        );
      } finally {
        await Promise.all([a.stop(), b?.stop()]);
      }
    },
  );
});
