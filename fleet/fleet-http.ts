import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { fleetTerminalDetailSchema, fleetViewSchema } from '../shared/fleet';
import type { FleetState } from './fleet-state';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const MAX_URL = 2_048;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

const fleetQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(1_000).default(200),
    merchant: z.string().min(1).max(128).optional(),
  })
  .strict();

export interface FleetHttpOptions {
  state: FleetState;
  registry: Registry;
  token: string;
  now: () => number;
  /** The built page (dist/fleet/). */
  pageDir: string;
  tls?: { cert: string; key: string };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * The fleet service's HTTP face: the page, its two API routes and /metrics behind one bearer
 * token, /healthz open. Every request is answered — a malformed one with a 4xx — and none can
 * stop the service.
 */
export function fleetHttpServer(options: FleetHttpOptions): Server {
  const pageDir = resolve(options.pageDir);
  const expected = digest(`Bearer ${options.token}`);
  const authorised = (req: IncomingMessage) => timingSafeEqual(digest(req.headers.authorization ?? ''), expected);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = req.url ?? '/';
    if (raw.length > MAX_URL) throw new HttpError(414, 'URL too long');
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'only GET');
    let url: URL;
    try {
      url = new URL(raw, 'http://fleet.invalid');
    } catch {
      throw new HttpError(400, 'malformed URL');
    }
    const path = url.pathname;
    if (path === '/healthz') return sendText(res, 200, 'ok\n');
    if (path === '/metrics' || path.startsWith('/api/')) {
      if (!authorised(req)) throw new HttpError(401, 'a bearer token is required');
      if (path === '/metrics') return sendText(res, 200, await options.registry.metrics(), options.registry.contentType);
      if (path === '/api/fleet') {
        const query = fleetQuery.safeParse(Object.fromEntries(url.searchParams));
        if (!query.success) throw new HttpError(400, query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        const view = options.state.view(options.now(), query.data.merchant ?? null, query.data.limit);
        return sendJson(res, 200, fleetViewSchema.parse(view));
      }
      const prefix = '/api/fleet/terminal/';
      if (path.startsWith(prefix)) {
        let key: string;
        try {
          key = decodeURIComponent(path.slice(prefix.length));
        } catch {
          throw new HttpError(400, 'malformed terminal key');
        }
        const detail = options.state.detail(key, options.now());
        if (!detail) throw new HttpError(404, 'unknown terminal');
        return sendJson(res, 200, fleetTerminalDetailSchema.parse(detail));
      }
      throw new HttpError(404, 'not found');
    }
    return sendPage(res, pageDir, path);
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof HttpError ? error.message : 'internal error';
      if (!res.headersSent) sendJson(res, status, { error: message });
      else res.destroy();
    });
  };
  const server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener) : createHttpServer(listener);
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.on('clientError', (_error, socket) => socket.destroy());
  return server;
}

function headers(type: string): Record<string, string> {
  return {
    'content-type': type,
    'cache-control': 'no-store',
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, headers('application/json'));
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, headers(type));
  res.end(body);
}

function sendPage(res: ServerResponse, pageDir: string, path: string): void {
  let relative: string;
  try {
    relative = decodeURIComponent(path === '/' ? '/index.html' : path);
  } catch {
    throw new HttpError(400, 'malformed path');
  }
  const file = normalize(join(pageDir, relative));
  if (!file.startsWith(pageDir + sep) || !existsSync(file) || !statSync(file).isFile()) throw new HttpError(404, 'not found');
  res.writeHead(200, headers(TYPES[extname(file)] ?? 'application/octet-stream'));
  res.end(readFileSync(file));
}
