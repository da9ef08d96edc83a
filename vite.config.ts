import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from file:// by Electron and over HTTP by the web host, so paths stay relative.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
});
