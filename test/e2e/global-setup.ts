import { preview } from 'vite';

/**
 * Serves the built renderer on a free loopback port for the browser tests and hands the URL
 * to the workers through the environment (they inherit it from this process).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the renderer preview server did not report its URL');
  process.env.KDS_E2E_URL = url;
  return async () => {
    await server.close();
  };
}
