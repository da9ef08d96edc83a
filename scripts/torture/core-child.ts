import { startTerminal } from '../../electron/core/app/terminal';
import { parseConfig } from '../../electron/core/config/load-config';

/**
 * A terminal's core in its own process, for crash tests: the parent SIGKILLs it at random
 * moments. Prints "consumed N" whenever that grows (N = records covered by stored offsets).
 */
const config = parseConfig(JSON.parse(process.argv[2] ?? '{}'), {});
const terminal = startTerminal(config, { log: () => undefined });
const consumed = (): number => terminal.status().lag.reduce((sum, p) => sum + Number(p.nextOffset ?? 0), 0);
let reported = -1;
const report = (): void => {
  const now = consumed();
  if (now !== reported) process.stdout.write(`consumed ${(reported = now)}\n`);
};
terminal.api.on('status', report);
setInterval(report, 20);
process.stdout.write(`started ${consumed()}\n`);
process.on('SIGTERM', () => {
  void terminal.stop().then(() => process.exit(0));
});
