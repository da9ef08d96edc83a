import { build } from 'esbuild';
import { mainBundle } from '../electron-bundles';

/** The catch-up child as written (run under tsx) and as built beside dist/electron, where it finds the core's bundle. */
export const CHILD_SOURCE = 'scripts/bench/catch-up-child.ts';
export const CHILD_BUILT = 'dist/bench/catch-up-child.mjs';

/** How a benchmark child is built: one ESM file for this Node, its packages loaded from node_modules. */
export const NODE_CHILD_BUILD = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  logLevel: 'warning',
} as const;

/**
 * The core as the desktop app ships it (dist/electron/core-worker.cjs) and the catch-up child built
 * with esbuild: drains measured without a TypeScript loader in either thread, as on a terminal.
 */
export async function buildShippedChild(): Promise<void> {
  await build(mainBundle);
  await build({
    entryPoints: [CHILD_SOURCE],
    outfile: CHILD_BUILT,
    ...NODE_CHILD_BUILD,
  });
}
