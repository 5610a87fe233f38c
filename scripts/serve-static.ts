// A tiny static file server for the built app, the way a static host serves it: the folder
// mounted at a sub-path (default /descent-lab/), on 127.0.0.1 only, on a free port. The
// end-to-end tests use it; `npx tsx scripts/serve-static.ts [dir] [base] [port]` runs it by hand.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.wgsl': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export interface StaticServerOptions {
  /** Folder to serve (e.g. dist/). */
  readonly root: string;
  /** Sub-path the folder is mounted at; must start and end with '/'. Default '/descent-lab/'. */
  readonly base?: string;
  /** Port; 0 (the default) picks a free one. */
  readonly port?: number;
  /**
   * Extra same-origin files outside the folder, by URL path (e.g. a test library the tests
   * inject into the page); never under `base`.
   */
  readonly extraFiles?: Readonly<Record<string, string>>;
  /** Called once per request, after the response is sent. */
  readonly onRequest?: (method: string, path: string, status: number) => void;
}

export interface StaticServer {
  /** Origin, e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  /** The app's URL: origin + base. */
  readonly url: string;
  close(): Promise<void>;
}

export async function serveStatic(options: StaticServerOptions): Promise<StaticServer> {
  const root = resolve(options.root);
  const base = options.base ?? '/descent-lab/';
  if (!base.startsWith('/') || !base.endsWith('/')) {
    throw new Error(`base must start and end with '/': ${base}`);
  }
  const extra = options.extraFiles ?? {};

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return send(res, 405, 'method not allowed');
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(res, 400, 'bad request');
    }
    const extraFile = extra[path];
    if (extraFile !== undefined) return sendFile(res, method, extraFile);
    // Like a host with the app in a sub-folder: '/descent-lab' redirects to '/descent-lab/'.
    if (path === base.slice(0, -1)) {
      res.writeHead(301, { Location: base });
      res.end();
      return 301;
    }
    if (!path.startsWith(base)) return send(res, 404, 'not found');
    let file = resolve(join(root, path.slice(base.length)));
    if (file !== root && !file.startsWith(root + sep)) return send(res, 403, 'forbidden');
    const info = await stat(file).catch(() => null);
    if (info?.isDirectory()) file = join(file, 'index.html');
    return sendFile(res, method, file);
  }

  const server = createServer((req, res) => {
    handle(req, res).then(
      (status) => options.onRequest?.(req.method ?? 'GET', req.url ?? '', status),
      (error: unknown) => {
        if (!res.headersSent) send(res, 500, String(error));
        else res.destroy();
      },
    );
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    url: origin + base,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function send(res: ServerResponse, status: number, text: string): number {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
  return status;
}

async function sendFile(res: ServerResponse, method: string, file: string): Promise<number> {
  const body = await readFile(file).catch(() => null);
  if (body === null) return send(res, 404, 'not found');
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': body.length,
    // Tests rebuild between runs; never let the browser keep an old bundle.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(method === 'HEAD' ? undefined : body);
  return 200;
}

// Run by hand: npx tsx scripts/serve-static.ts [dir=dist] [base=/descent-lab/] [port=0]
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [dir = 'dist', base = '/descent-lab/', port = '0'] = process.argv.slice(2);
  const server = await serveStatic({ root: dir, base, port: Number(port) });
  console.log(`Serving ${resolve(dir)} at ${server.url}`);
}
