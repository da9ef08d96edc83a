import { startTerminal } from '../../electron/core/app/terminal';
import { parseConfig } from '../../electron/core/config/load-config';

/** Cold start of a terminal on an existing data folder: open, checks, migrations, to the first snapshot (one JSON line). */
const config = parseConfig(JSON.parse(process.argv[2] ?? '{}'), {});
const started = performance.now();
const terminal = startTerminal(config, { log: () => undefined });
const snapshot = await terminal.api.snapshot(undefined);
const ms = performance.now() - started;
if (!snapshot.ok) throw new Error(snapshot.error);
process.stdout.write(`${JSON.stringify({ ms, tickets: snapshot.value.tickets.length })}\n`);
await terminal.stop();
process.exit(0);
