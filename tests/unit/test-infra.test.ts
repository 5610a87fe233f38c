// The test infrastructure itself: the static server the e2e tests serve the build with, and
// the PNG decoder they tell a drawn map from a blank one with.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/serve-static';
import { decodePng, distinctColors } from '../e2e/harness';

describe('serve-static', () => {
  let server: StaticServer;
  const seen: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'serve-static-'));
  beforeAll(async () => {
    // dir/secret.txt sits beside the served folder dir/dist: it must never be served.
    const root = join(dir, 'dist');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
    writeFileSync(join(root, '..', 'secret.txt'), 'outside');
    server = await serveStatic({
      root,
      base: '/descent-lab/',
      onRequest: (method, path, status) => seen.push(`${method} ${path} ${status}`),
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 at a free port and mounts the folder at the sub-path', async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/descent-lab/`);
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>t</title>');
    const js = await fetch(`${server.url}assets/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('no-store');
  });

  it('redirects the bare sub-path and serves nothing outside it', async () => {
    const bare = await fetch(`${server.origin}/descent-lab`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/descent-lab/');
    expect((await fetch(`${server.origin}/`)).status).toBe(404);
    expect((await fetch(`${server.origin}/index.html`)).status).toBe(404);
    expect((await fetch(`${server.url}missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}x`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses paths that climb out of the folder', async () => {
    // Sent raw: fetch() would normalize the dots away before they reach the server.
    const dots = await rawGet(server.origin, '/descent-lab/../secret.txt');
    expect(dots.status).toBe(404);
    expect(dots.body).not.toContain('outside');
    const encodedSlash = await rawGet(server.origin, '/descent-lab/..%2fsecret.txt');
    expect(encodedSlash.status).toBe(403);
    expect(encodedSlash.body).not.toContain('outside');
    expect(seen).toContain('GET /descent-lab/..%2fsecret.txt 403');
  });
});

/** A GET with the path exactly as given. */
function rawGet(origin: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A minimal PNG encoder (8-bit RGB or RGBA, one filter type for every row) for the tests. */
function encodePng(
  width: number,
  height: number,
  channels: 3 | 4,
  pixel: (x: number, y: number) => number[],
  filter: number,
): Buffer {
  const stride = width * channels;
  const rows: number[][] = [];
  for (let y = 0; y < height; y++) {
    const row: number[] = [];
    for (let x = 0; x < width; x++) row.push(...pixel(x, y).slice(0, channels));
    rows.push(row);
  }
  const raw = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = filter;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? rows[y]![i - channels]! : 0;
      const b = y > 0 ? rows[y - 1]![i]! : 0;
      const c = y > 0 && i >= channels ? rows[y - 1]![i - channels]! : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]!;
      raw[y * (stride + 1) + 1 + i] = (rows[y]![i]! - predictor) & 0xff;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    return Buffer.concat([head, data, Buffer.alloc(4)]); // the decoder ignores the CRC
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = channels === 4 ? 6 : 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('decodePng', () => {
  const gradient = (x: number, y: number) => [x * 8, y * 8, (x * y) & 0xff, 200];

  for (const filter of [0, 1, 2, 3, 4]) {
    for (const channels of [3, 4] as const) {
      it(`decodes filter ${filter}, ${channels} channels`, () => {
        const image = decodePng(encodePng(32, 24, channels, gradient, filter));
        expect(image.width).toBe(32);
        expect(image.height).toBe(24);
        for (const [x, y] of [
          [0, 0],
          [5, 7],
          [31, 23],
        ] as const) {
          const at = (y * 32 + x) * 4;
          const want = gradient(x, y);
          expect(Array.from(image.rgba.subarray(at, at + 4))).toEqual([
            want[0],
            want[1],
            want[2],
            channels === 4 ? want[3] : 255,
          ]);
        }
      });
    }
  }

  it('tells a picture from a flat fill', () => {
    const flat = decodePng(encodePng(16, 16, 3, () => [40, 40, 40], 1));
    expect(distinctColors(flat)).toBe(1);
    const picture = decodePng(encodePng(32, 24, 3, gradient, 4));
    expect(distinctColors(picture)).toBeGreaterThan(32);
  });

  it('rejects what is not an 8-bit RGB(A) PNG', () => {
    expect(() => decodePng(Buffer.from('not a png at all'))).toThrow(/not a PNG/);
    const png = encodePng(2, 2, 3, () => [0, 0, 0], 0);
    const paletted = Buffer.from(png);
    paletted[8 + 8 + 9] = 3; // IHDR colour type: palette
    expect(() => decodePng(paletted)).toThrow(/unsupported PNG/);
  });
});
