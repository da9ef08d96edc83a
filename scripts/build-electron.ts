import { build } from 'esbuild';

/**
 * esbuild bundles the Electron main and preload scripts to CommonJS (a sandboxed preload
 * cannot be an ES module). Dependencies stay external: electron is provided at run time and
 * better-sqlite3 is a native module that electron-builder rebuilds for Electron's ABI.
 */
await build({
  entryPoints: { main: 'electron/main.ts', preload: 'electron/preload.ts' },
  outdir: 'dist/electron',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log('built dist/electron/main.cjs and preload.cjs');
