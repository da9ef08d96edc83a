import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { WRONG_CODE, type AccessHolder, type ScreenAccess } from '../app/screen-access';
import { PairingBudget } from './pairing-budget';
import { sourceAddress } from './request-guard';
import { screenLabel } from './screen-label';

/** The cookie a paired browser screen presents: HttpOnly (no script reads it), SameSite=Strict (no other site sends it). */
export const SESSION_COOKIE = 'kds_screen';
/** Browsers keep a cookie 400 days at most; every visit renews it, so a screen in daily use stays paired. */
const COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;
const MAX_BODY_BYTES = 1024;

const pairRequestSchema = z.object({ code: z.string().max(32) }).strict();

/** What a browser screen is told when the cookie it presents opens nothing any more. */
export const NO_LONGER_PAIRED =
  'This screen is no longer paired with the terminal (unpaired from diagnostics, or paired before an update that gave each screen its own access): pair it again.';

/**
 * What a request presents: `Authorization: Bearer` (the owner's tools, with the terminal's
 * secret) or the session cookie (a paired browser screen, with its own credential). Never in a URL.
 */
export function presentedCredentials(request: IncomingMessage): { bearer?: string; cookie?: string } {
  const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) return { bearer };
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return { cookie: value.join('=') };
  }
  return {};
}

function sessionCookie(credential: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${credential}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${COOKIE_MAX_AGE_SECONDS}${secure ? '; Secure' : ''}`;
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is discarded, and the answer closes the connection.
      if (size > MAX_BODY_BYTES) resolve(undefined);
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(undefined));
  });
}

const json = (response: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void => {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }).end(JSON.stringify(body));
};

/**
 * `/session`: `GET` tells a browser screen whether it is paired (and renews its cookie); `POST
 * {code}` exchanges a pairing code for the screen's own credential, in its cookie. How many
 * codes are tried is bounded per address (per /64 on IPv6) and for the whole host
 * (pairing-budget.ts), while a code is open.
 */
export class ScreenSessions {
  private readonly budget: PairingBudget;

  constructor(
    private readonly access: ScreenAccess,
    private readonly secure: boolean,
    now: () => number,
    /** A refused pairing, for the host's rate-limited log. */
    private readonly refused: (kind: string, detail: string) => void,
  ) {
    this.budget = new PairingBudget(now);
  }

  /** Who sends this request, if anyone this terminal knows. */
  holder(request: IncomingMessage): AccessHolder | undefined {
    const { bearer, cookie } = presentedCredentials(request);
    return bearer !== undefined ? this.access.ownerHolder(bearer) : this.access.screenHolder(cookie);
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === 'GET') return this.check(request, response);
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'GET, POST' }).end();
      return;
    }
    const address = sourceAddress(request);
    if (!request.headers['content-type']?.startsWith('application/json')) return json(response, 415, { error: 'send JSON' });
    const body = await readBody(request);
    if (body === undefined) return json(response, 413, { error: 'request too large' }, { connection: 'close' });
    let parsed;
    try {
      parsed = pairRequestSchema.safeParse(JSON.parse(body));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) return json(response, 400, { error: 'expected {"code": "<8 digits>"}' });
    // No code open: there is nothing to guess, so nothing is counted (a flood before staff press
    // "Pair" must not use up the budget the next code needs). The answer is the wrong code's.
    if (!this.access.pairingOpen()) {
      this.refused('403 pairing code while none is open', `from ${address}`);
      return json(response, 403, { error: WRONG_CODE });
    }
    const allowed = this.budget.take(address);
    if (!allowed.ok) {
      this.refused('429 pairing attempts', `from ${address}`);
      return json(response, 429, { error: allowed.error });
    }
    const redeemed = this.access.redeem(parsed.data.code, screenLabel(request.headers['user-agent'], address));
    if (!redeemed.ok) {
      this.budget.wrongCode();
      this.refused('403 wrong pairing code', `from ${address}`);
      return json(response, 403, { error: redeemed.error });
    }
    json(response, 200, { paired: true }, { 'set-cookie': sessionCookie(redeemed.credential, this.secure) });
  }

  private check(request: IncomingMessage, response: ServerResponse): void {
    const { bearer, cookie } = presentedCredentials(request);
    const holder = this.holder(request);
    if (!holder) return json(response, 401, { paired: false, ...(cookie !== undefined ? { problem: NO_LONGER_PAIRED } : {}) });
    this.access.connected(holder);
    // The owner's secret never goes into a cookie; a screen's own credential is renewed with every visit.
    const renewed: Record<string, string> =
      bearer === undefined && cookie !== undefined ? { 'set-cookie': sessionCookie(cookie, this.secure) } : {};
    json(response, 200, { paired: true, scope: holder.scope }, renewed);
  }
}
