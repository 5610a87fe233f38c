import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { mnistDataPlugin } from './scripts/mnist/vite-plugin';
import { initialLoadReport } from './scripts/build/initial-load';
import { contentSecurityPolicy } from './scripts/build/content-security-policy';

// base './' keeps every asset URL relative, so the built folder works from any sub-path.
// mnistDataPlugin ships the MNIST digits as data/mnist-10k.bin (built and in dev);
// initialLoadReport prints (and writes to dist/initial-load.json) what a first visit downloads;
// contentSecurityPolicy puts the page's CSP (same origin only, no eval) in the built index.html.
export default defineConfig({
  base: './',
  plugins: [react(), mnistDataPlugin(), initialLoadReport(), contentSecurityPolicy()],
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      // Everything the entry imports statically in one chunk: left to itself the bundler cuts
      // the first load into ~40 small chunks (any module a lazy chunk shares gets its own),
      // which gzip worse and cost a request each.
      output: { codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] } },
    },
  },
  server: { host: '127.0.0.1' },
});
