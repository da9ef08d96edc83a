import { dispatchRequest } from '../../electron/core/app/api-dispatch';
import { parseConfig } from '../../electron/core/config/load-config';
import { startTestTerminal } from './kitchen-fixtures';

/**
 * A kitchen terminal in its own process, for crash tests: the parent sends app API requests
 * over the fork channel (one more small adapter of the API table) and SIGKILLs it whenever it likes.
 */
type Request = { id: number; name: string; input?: unknown };

const terminal = startTestTerminal(parseConfig(JSON.parse(process.argv[2] ?? '{}'), {}));
process.on('message', (message: Request) => {
  void dispatchRequest(terminal.api, message.name, message.input).then((result) => process.send?.({ id: message.id, answer: result }));
});
process.send?.({ id: 0, answer: 'ready' });
