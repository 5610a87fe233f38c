import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { mnistDataPlugin } from './scripts/mnist/vite-plugin';

// base './' keeps every asset URL relative, so the built folder works from any sub-path.
// mnistDataPlugin ships the MNIST digits as data/mnist-10k.bin (built and in dev).
export default defineConfig({
  base: './',
  plugins: [react(), mnistDataPlugin()],
  build: { outDir: 'dist', target: 'es2022', sourcemap: true },
  server: { host: '127.0.0.1' },
});
