import type { BuildOptions } from 'esbuild';

/**
 * How the Electron shell is bundled (CommonJS: a sandboxed preload cannot be an ES module).
 * Main keeps its dependencies external: better-sqlite3 is a native module that
 * electron-builder rebuilds for Electron's ABI. The preload bundles everything but `electron`:
 * Electron's sandbox lets it require only `electron` and a few Node built-ins.
 */
const common: BuildOptions = {
  outdir: 'dist/electron',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
};

/** The main process and the core's worker thread (electron/core/app/core-worker.ts), which main starts beside it. */
export const mainBundle: BuildOptions = {
  ...common,
  entryPoints: { main: 'electron/main.ts', 'core-worker': 'electron/core/app/core-worker.ts' },
  packages: 'external',
};
export const preloadBundle: BuildOptions = { ...common, entryPoints: { preload: 'electron/preload.ts' }, external: ['electron'] };
