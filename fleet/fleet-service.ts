import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FleetConfig } from './fleet-config';
import { fleetHttpServer } from './fleet-http';
import { fleetMetrics } from './fleet-metrics';
import { FleetReader, type Log } from './fleet-reader';
import { FleetState } from './fleet-state';
import { UnseenOrders } from './unseen-orders';

export interface FleetServiceOptions {
  /** The service's clock (tests move it an hour ahead); the wall clock by default. */
  now?: () => number;
  log?: Log;
  pageDir?: string;
  /** Orders not shown within this long are unseen (60 s; tests may shorten it). */
  unseenAfterMs?: number;
}

export interface FleetService {
  readonly url: string;
  readonly token: string;
  readonly state: FleetState;
  readonly reader: FleetReader;
  stop(): Promise<void>;
}

/** The token of the page and /metrics: configured, or made once and kept (0600) so bookmarks and scrapers keep working. */
export function fleetToken(config: FleetConfig): { token: string; generated: boolean } {
  if (config.token) return { token: config.token, generated: false };
  const file = join(config.dataDir, 'fleet-token');
  if (existsSync(file)) return { token: readFileSync(file, 'utf8').trim(), generated: false };
  mkdirSync(config.dataDir, { recursive: true });
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { token, generated: true };
}

/** Starts the fleet service: reads the fleet's topics, samples its last hour, serves the page, API and /metrics. */
export async function startFleetService(config: FleetConfig, options: FleetServiceOptions = {}): Promise<FleetService> {
  const now = options.now ?? (() => Date.now());
  const log: Log = options.log ?? ((level, message) => console[level === 'info' ? 'log' : level](`[fleet] ${message}`));
  const state = new FleetState(new UnseenOrders(options.unseenAfterMs));
  const reader = new FleetReader(config, state, now, log);
  const { token } = fleetToken(config);
  const tls = config.tls && { cert: readFileSync(config.tls.certFile, 'utf8'), key: readFileSync(config.tls.keyFile, 'utf8') };
  const server: Server = fleetHttpServer({
    state,
    registry: fleetMetrics(state, now, () => reader.up),
    token,
    now,
    pageDir: options.pageDir ?? 'dist/fleet',
    ...(tls ? { tls } : {}),
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(config.port, config.host, done);
  });
  await reader.start();
  state.sample(now());
  const sampler = setInterval(() => state.sample(now()), 60_000);
  sampler.unref();
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `${config.tls ? 'https' : 'http'}://${host}:${port}`,
    token,
    state,
    reader,
    async stop() {
      clearInterval(sampler);
      server.closeAllConnections();
      await Promise.all([new Promise<void>((done) => server.close(() => done())), reader.stop()]);
    },
  };
}
