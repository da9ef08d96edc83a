import {
  parseEvent,
  parseResponse,
  type EventName,
  type EventPayload,
  type RequestInput,
  type RequestName,
  type RequestOutput,
  type Result,
} from '../../shared/app-api';
import type { Link } from './link';

/**
 * The app API as the screen uses it, over any link: typed requests and events, every answer
 * and event parsed with the contract's schemas. A malformed message is reported, never trusted.
 */
export class CoreClient {
  constructor(
    private readonly link: Link,
    private readonly onInvalid: (error: string) => void = (error) => console.error(`[kds] ${error}`),
  ) {}

  async request<K extends RequestName>(name: K, input?: RequestInput<K>): Promise<Result<RequestOutput<K>>> {
    try {
      return parseResponse(name, await this.link.request(name, input));
    } catch (error) {
      return { ok: false, error: `${name} failed: ${(error as Error).message}` };
    }
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void, onInvalid?: () => void): () => void {
    return this.link.on(event, (raw) => {
      const parsed = parseEvent(event, raw);
      if (parsed.ok) listener(parsed.value);
      else {
        this.onInvalid(parsed.error);
        onInvalid?.();
      }
    });
  }
}
