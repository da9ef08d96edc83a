import { build } from 'esbuild';
import { mainBundle, preloadBundle } from './electron-bundles';

await Promise.all([build(mainBundle), build(preloadBundle)]);
console.log('built dist/electron/main.cjs and preload.cjs');
