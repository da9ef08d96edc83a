import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The fleet page: a second entry of its own, served statically by the fleet service from dist/fleet/
// (index.html at its root); relative paths so it works wherever the service mounts it.
export default defineConfig({
  root: 'renderer/fleet',
  base: './',
  plugins: [react()],
  build: { outDir: '../../dist/fleet', emptyOutDir: true, sourcemap: true },
});
