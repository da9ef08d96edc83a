import { KdsCore } from '../../electron/core/kds-core';
import { parseConfig } from '../../electron/core/config/load-config';

/**
 * A terminal's core in its own process, for crash tests: the parent SIGKILLs it at random
 * moments. Prints "consumed N" whenever that grows (N = records covered by stored offsets).
 */
const config = parseConfig(JSON.parse(process.argv[2] ?? '{}'), {});
const core = new KdsCore(config, () => undefined);
const consumed = (): number => core.store.offsets(config.topics.orders).reduce((sum, o) => sum + Number(o.nextOffset), 0);
let reported = -1;
setInterval(() => {
  const now = consumed();
  if (now !== reported) process.stdout.write(`consumed ${(reported = now)}\n`);
}, 20);
core.start();
process.stdout.write(`started ${consumed()}\n`);
process.on('SIGTERM', () => {
  void core.stop().then(() => process.exit(0));
});
