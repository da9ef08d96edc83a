import { isRequestName, parseRequestInput, type AppApiHandlers, type RequestName, type Result } from '../../../shared/app-api';

/**
 * Every transport's way into the core (IPC, WebSocket, HTTP): the operation name checked against
 * the table, the input validated with its schema, the handler's throw turned into an error
 * answer. Nothing a screen sends can crash the core.
 *
 * Input is validated once, here, at the transport boundary: this is where data from outside the
 * app (a window, a browser on the LAN) enters, and where a malformed request can be answered
 * without crossing to the core's thread. Past it, handlers get typed, validated values: the
 * worker boundary (worker-terminal.ts → core-worker.ts) is internal, both ends this code in one
 * process, so the worker runs what it receives with `runHandler` and does not parse it again.
 */
export async function dispatchRequest(handlers: AppApiHandlers, name: unknown, input: unknown): Promise<Result<unknown>> {
  if (!isRequestName(name))
    return { ok: false, error: `unknown operation ${typeof name === 'string' ? `"${name.slice(0, 64)}"` : `of type ${typeof name}`}` };
  const parsed = parseRequestInput(name, input);
  if (!parsed.ok) return parsed;
  return runHandler(handlers, name, parsed.value);
}

/** Runs an operation's handler with input validated already (by `dispatchRequest` on the way in); a throw becomes an error answer. */
export async function runHandler(handlers: AppApiHandlers, name: RequestName, validInput: unknown): Promise<Result<unknown>> {
  try {
    const handler = handlers[name] as (value: unknown) => Result<unknown> | Promise<Result<unknown>>;
    return await handler(validInput);
  } catch (error) {
    return { ok: false, error: `${name} failed: ${(error as Error).message}` };
  }
}
