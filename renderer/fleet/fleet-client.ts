import type { z } from 'zod';
import { fleetTerminalDetailSchema, fleetViewSchema, type FleetTerminalDetail, type FleetView } from '../../shared/fleet';

/** Why a fetch gave no data: the page says each differently, and never shows the last data as current. */
export type FailureKind = 'unreachable' | 'refused' | 'missing' | 'invalid';

export class FleetFetchError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
  }
}

/** A refresh every 5 s: an answer that has not come in 4 s is a failure, so the next refresh is not queued behind it. */
const TIMEOUT_MS = 4_000;
/** The worst terminals the page asks for: a support person works down from the top. */
export const FLEET_LIMIT = 200;

async function getJson<T>(path: string, token: string, schema: z.ZodType<T>, signal: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      // The token travels in the header only: no cookie is needed or sent.
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new FleetFetchError('unreachable', error instanceof Error ? error.message : String(error));
  }
  if (response.status === 401 || response.status === 403) throw new FleetFetchError('refused', `HTTP ${response.status}`);
  if (response.status === 404) throw new FleetFetchError('missing', 'HTTP 404');
  if (!response.ok) throw new FleetFetchError('unreachable', `HTTP ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    if (signal.aborted) throw error;
    throw new FleetFetchError('invalid', 'not JSON');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new FleetFetchError('invalid', parsed.error.message);
  return parsed.data;
}

/** The fleet, worst terminals first, of one merchant when asked. Absolute paths: the API is at the service's root wherever the page is mounted. */
export function fetchFleet(token: string, merchant: string | null, signal: AbortSignal): Promise<FleetView> {
  const query = new URLSearchParams({ limit: String(FLEET_LIMIT) });
  if (merchant !== null) query.set('merchant', merchant);
  return getJson(`/api/fleet?${query}`, token, fleetViewSchema, signal);
}

/** One terminal with its last hour. The key holds a slash (`merchant/terminal`), so it is encoded as one path segment. */
export function fetchTerminal(token: string, key: string, signal: AbortSignal): Promise<FleetTerminalDetail> {
  return getJson(`/api/fleet/terminal/${encodeURIComponent(key)}`, token, fleetTerminalDetailSchema, signal);
}
