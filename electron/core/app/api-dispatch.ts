import { isRequestName, parseRequestInput, type AppApiHandlers, type Result } from '../../../shared/app-api';

/**
 * Every transport's way into the core (IPC, WebSocket, HTTP, a worker boundary): the operation
 * name checked against the table, the input validated with its schema, the handler's throw
 * turned into an error answer. Nothing a screen sends can crash the core.
 */
export async function dispatchRequest(handlers: AppApiHandlers, name: unknown, input: unknown): Promise<Result<unknown>> {
  if (!isRequestName(name))
    return { ok: false, error: `unknown operation ${typeof name === 'string' ? `"${name.slice(0, 64)}"` : `of type ${typeof name}`}` };
  const parsed = parseRequestInput(name, input);
  if (!parsed.ok) return parsed;
  try {
    const handler = handlers[name] as (value: unknown) => Result<unknown> | Promise<Result<unknown>>;
    return await handler(parsed.value);
  } catch (error) {
    return { ok: false, error: `${name} failed: ${(error as Error).message}` };
  }
}
