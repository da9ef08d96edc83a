import { resolve } from 'node:path';
import type { Terminal } from '../../electron/core/app/terminal';
import { WebHost } from '../../electron/core/host/web-host';
import type { KdsConfig } from '../../shared/config';
import { startTestTerminal } from './kitchen-fixtures';

/** A terminal in this process behind a real web host on loopback (quiet logs). */
export async function startHostedTerminal(
  config: KdsConfig,
): Promise<{ terminal: Terminal; host: WebHost; url: string; authorization: { authorization: string }; stop: () => Promise<void> }> {
  const terminal = startTestTerminal(config);
  const host = new WebHost(terminal.api, {
    host: '127.0.0.1',
    port: 0,
    access: terminal.access,
    rendererDir: resolve('dist/renderer'),
    log: () => undefined,
  });
  const url = await host.start();
  return {
    terminal,
    host,
    url,
    /** The header a trusted tool of the terminal's owner sends (browsers pair for a cookie instead). */
    authorization: { authorization: `Bearer ${terminal.access.bearerToken()}` },
    stop: async () => {
      await host.stop();
      await terminal.stop();
    },
  };
}
