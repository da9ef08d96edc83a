import { parseConfig } from '../../electron/core/config/load-config';
import { startTerminal } from './kitchen-fixtures';

/**
 * A kitchen terminal (core and app API) in its own process, for crash tests: the parent sends
 * commands over the fork channel and SIGKILLs it whenever it likes.
 */
type Request = { id: number; kind: 'execute'; command: unknown } | { id: number; kind: 'status' };

const terminal = startTerminal(parseConfig(JSON.parse(process.argv[2] ?? '{}'), {}));
process.on('message', (message: Request) => {
  const answer = message.kind === 'execute' ? terminal.app.execute(message.command) : terminal.core.status();
  process.send?.({ id: message.id, answer });
});
process.send?.({ id: 0, answer: 'ready' });
