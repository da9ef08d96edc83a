import { startTerminal } from '../../electron/core/app/terminal';
import { parseConfig } from '../../electron/core/config/load-config';

/** A terminal left alone: after a warm-up, its own CPU time over a window, as a share of one core. */
const config = parseConfig(JSON.parse(process.argv[2] ?? '{}'), {});
const [warmUpMs, windowMs] = [Number(process.argv[3] ?? 10_000), Number(process.argv[4] ?? 30_000)];
const terminal = startTerminal(config, { log: () => undefined });
setTimeout(() => {
  const before = process.cpuUsage();
  const started = performance.now();
  setTimeout(() => {
    const used = process.cpuUsage(before);
    const elapsed = performance.now() - started;
    process.stdout.write(
      `${JSON.stringify({
        cpuPercent: ((used.user + used.system) / 1000 / elapsed) * 100,
        userPercent: (used.user / 1000 / elapsed) * 100,
        systemPercent: (used.system / 1000 / elapsed) * 100,
        state: terminal.status().connection.state,
      })}\n`,
    );
    void terminal.stop().then(() => process.exit(0));
  }, windowMs);
}, warmUpMs);
