import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ScreenAccess } from '../app/screen-access';
import { RequestBudget } from './connection-limits';

/** The cookie a paired browser screen presents: HttpOnly (no script reads it), SameSite=Strict (no other site sends it). */
export const SESSION_COOKIE = 'kds_screen';
/** Browsers keep a cookie 400 days at most; every visit renews it, so a screen in daily use stays paired. */
const COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;
const MAX_BODY_BYTES = 1024;

const pairRequestSchema = z.object({ code: z.string().max(32) }).strict();

/** The token a request presents: `Authorization: Bearer` (tools) or the session cookie (browsers). Never in a URL. */
export function presentedToken(request: IncomingMessage): string | undefined {
  const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) return bearer;
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=');
  }
  return undefined;
}

function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${COOKIE_MAX_AGE_SECONDS}${secure ? '; Secure' : ''}`;
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
 * {code}` exchanges a pairing code for the cookie. Pairing attempts are limited for the whole
 * host, whoever sends them.
 */
export class ScreenSessions {
  private readonly attempts = new RequestBudget(1, 10);

  constructor(
    private readonly access: ScreenAccess,
    private readonly secure: boolean,
  ) {}

  authorized(request: IncomingMessage): boolean {
    return this.access.verify(presentedToken(request));
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === 'GET') {
      const token = presentedToken(request);
      if (!this.access.verify(token)) return json(response, 401, { paired: false });
      return json(response, 200, { paired: true }, { 'set-cookie': sessionCookie(token ?? '', this.secure) });
    }
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'GET, POST' }).end();
      return;
    }
    if (!request.headers['content-type']?.startsWith('application/json')) return json(response, 415, { error: 'send JSON' });
    if (!this.attempts.take()) return json(response, 429, { error: 'too many pairing attempts: wait a few seconds' });
    const body = await readBody(request);
    if (body === undefined) return json(response, 413, { error: 'request too large' }, { connection: 'close' });
    let parsed;
    try {
      parsed = pairRequestSchema.safeParse(JSON.parse(body));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) return json(response, 400, { error: 'expected {"code": "<8 digits>"}' });
    const redeemed = this.access.redeem(parsed.data.code);
    if (!redeemed.ok) return json(response, 403, { error: redeemed.error });
    json(response, 200, { paired: true }, { 'set-cookie': sessionCookie(redeemed.token, this.secure) });
  }
}
