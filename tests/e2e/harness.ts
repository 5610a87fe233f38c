// End-to-end harness: the production build (dist/) served from a sub-path on 127.0.0.1, as a
// static host would, opened in Debian's headless Chromium with WebGPU on SwiftShader
// (docs/WEBGPU-TESTING.md). Every page it opens records console errors and warnings,
// uncaught page errors and every request; a request off the server's origin is blocked and
// recorded, and `assertClean()` fails the test on any of them. Missing pieces (chromium, a
// WebGPU adapter) fail with what to install: these tests never skip.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { serveStatic, type StaticServer } from '../../scripts/serve-static';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The folder served; E2E_DIST serves another built folder as is (to test the harness). */
export const DIST = process.env['E2E_DIST'] ? resolve(process.env['E2E_DIST']) : join(ROOT, 'dist');
/** The CI artifact folder: screenshots and reports land here. */
export const RESULTS_DIR = join(ROOT, 'test-results');
export const BASE_PATH = '/descent-lab/';
export const CHROMIUM = '/usr/bin/chromium';

const INSTALL_CHROMIUM =
  "The end-to-end tests need Debian's chromium (the browser and its SwiftShader Vulkan driver " +
  'for WebGPU). Run: sudo apt-get update && sudo apt-get install -y chromium ' +
  '(npm test does this by itself when run as root).';

export const CHROMIUM_ARGS = [
  // Headless Chromium offers a WebGPU adapter (SwiftShader) only with this flag.
  '--enable-unsafe-webgpu',
  // Without these, compositing is software-only and a WebGPU canvas cannot be presented:
  // the GPU process logs "Could not find SharedImageBackingFactory ... WebgpuSwapChainTexture"
  // and the device's instance dies ("A valid external Instance reference no longer exists").
  // With them, Dawn and the compositor both run on SwiftShader's Vulkan and the canvas shows.
  '--enable-gpu',
  '--ignore-gpu-blocklist',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-angle=swiftshader',
  // Root in a container has no user namespace for the sandbox.
  '--no-sandbox',
  // A closed network: nothing of Chromium's own should try to go out.
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---- build ---------------------------------------------------------------------------------

const SOURCES = [
  'src',
  'shaders',
  'public',
  'scripts/build',
  'index.html',
  'vite.config.ts',
  'package.json',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * Makes sure dist/ holds a build of the current sources: the test command builds before the
 * e2e step, so this only builds when the tests are run alone, or the sources changed since.
 */
export function ensureBuilt(): void {
  if (process.env['E2E_DIST']) return;
  const index = join(DIST, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map((p) => newestMtime(join(ROOT, p))));
  if (built >= sources) return;
  console.log(built ? 'e2e: sources changed since the build; rebuilding' : 'e2e: building dist/');
  buildDist();
}

/** Builds dist/ for production (what a static host serves). */
export function buildDist(): void {
  // Vitest sets NODE_ENV=test, which would give React's development build.
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('vite build left no dist/index.html');
}

// ---- the app, served and opened --------------------------------------------------------------

export interface App {
  readonly server: StaticServer;
  readonly browser: Browser;
  /** http://127.0.0.1:PORT/descent-lab/ */
  readonly url: string;
  readonly origin: string;
  /** Opens the app (optionally with a query/hash or a full URL) in a fresh context. */
  open(target?: string, options?: OpenOptions): Promise<AppPage>;
  close(): Promise<void>;
}

/** Builds if needed, serves dist/ at /descent-lab/ and launches Chromium with WebGPU. */
export async function startApp(): Promise<App> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing. ${INSTALL_CHROMIUM}`);
  ensureBuilt();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const server = await serveStatic({ root: DIST, base: BASE_PATH });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  } catch (error) {
    await server.close();
    throw new Error(`Chromium did not start: ${String(error)}\n${INSTALL_CHROMIUM}`);
  }
  const pages: AppPage[] = [];
  return {
    server,
    browser,
    url: server.url,
    origin: server.origin,
    async open(target = '', options = {}) {
      const url = /^https?:/.test(target) ? target : server.url + target;
      const appPage = await openPage(browser, server.origin, url, options);
      pages.push(appPage);
      return appPage;
    },
    async close() {
      for (const p of pages) await p.context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}

export interface OpenOptions {
  /** Hide navigator.gpu from the page, as a browser without WebGPU would. */
  readonly withoutWebGpu?: boolean;
  /**
   * Open as a first visit: the page animates the runs from step 0 and shows the map's hint.
   * Otherwise (the default) the context prefers reduced motion, so a link without a step opens
   * on the last step, and the hint counts as dismissed (its localStorage key is set).
   */
  readonly firstVisit?: boolean;
  /** CSS pixels; 1280 × 900 unless given. */
  readonly viewport?: { readonly width: number; readonly height: number };
  /** A phone: touch events, a mobile viewport (hasTouch and isMobile). */
  readonly touch?: boolean;
  /** Scripts to run in the page before the app (after the harness's own probes). */
  readonly initScripts?: readonly (() => void)[];
}

/** The map hint's localStorage key (src/ui/map/FirstVisitHint.tsx). */
export const HINT_DISMISSED_KEY = 'descent-lab.hint-dismissed';

export interface AppPage {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly consoleErrors: string[];
  readonly consoleWarnings: string[];
  readonly pageErrors: string[];
  /** Every request the page made, as URLs. */
  readonly requests: string[];
  /** Requests whose origin is not the server's (blocked before they left). */
  readonly offOrigin: string[];
  /** Same-origin requests answered with 4xx/5xx. */
  readonly failedResponses: string[];
  /**
   * Fails the test on any console error or warning (unless matched by `allowConsole`), page
   * error, off-origin request or failed response.
   */
  assertClean(allowConsole?: readonly RegExp[]): void;
  /** Saves a PNG of the page (or of one element) to test-results/NAME.png and returns it. */
  screenshot(name: string, element?: string | Locator): Promise<Buffer>;
  /** Runs axe-core in the page; returns the serious and critical violations. */
  axe(): Promise<AxeViolation[]>;
  /** The WebGPU devices the page created, in order (captured by an init script). */
  deviceCount(): Promise<number>;
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly nodes: readonly string[];
}

/**
 * Runs in the page before the app: records every GPUDevice the app requests and every canvas
 * that gets a 'webgpu' context, so tests can see that WebGPU is used and reach the device
 * (to destroy it) without any help from the app.
 */
function gpuProbeInitScript(): void {
  const w = window as unknown as {
    __e2eDevices: GPUDevice[];
    __e2eWebgpuCanvases: number;
  };
  w.__e2eDevices = [];
  w.__e2eWebgpuCanvases = 0;
  if (typeof GPUAdapter !== 'undefined') {
    const requestDevice = GPUAdapter.prototype.requestDevice;
    GPUAdapter.prototype.requestDevice = async function (
      this: GPUAdapter,
      ...args: Parameters<GPUAdapter['requestDevice']>
    ) {
      const device = await requestDevice.apply(this, args);
      w.__e2eDevices.push(device);
      return device;
    };
  }
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (
    this: HTMLCanvasElement,
    ...args: Parameters<HTMLCanvasElement['getContext']>
  ) {
    const context = (getContext as (...a: unknown[]) => unknown).apply(this, args);
    if (args[0] === 'webgpu' && context) w.__e2eWebgpuCanvases++;
    return context;
  } as HTMLCanvasElement['getContext'];
}

let axeSource: string | null = null;

/** Runs in the page before the app when WebGPU is to be missing: no navigator.gpu at all. */
function hideWebGpuInitScript(): void {
  delete (Navigator.prototype as { gpu?: unknown }).gpu;
}

async function openPage(
  browser: Browser,
  origin: string,
  url: string,
  options: OpenOptions,
): Promise<AppPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    reducedMotion: options.firstVisit ? 'no-preference' : 'reduce',
    ...(options.touch ? { hasTouch: true, isMobile: true } : {}),
  });
  if (!options.firstVisit)
    await context.addInitScript((key) => {
      try {
        localStorage.setItem(key, '1');
      } catch {
        // an opaque origin (about:blank) has no storage
      }
    }, HINT_DISMISSED_KEY);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const consoleWarnings: string[] = [];
  const pageErrors: string[] = [];
  const requests: string[] = [];
  const offOrigin: string[] = [];
  const failedResponses: string[] = [];

  page.on('console', (m) => {
    const where = m.location().url ? ` (${m.location().url}:${m.location().lineNumber})` : '';
    if (m.type() === 'error') consoleErrors.push(m.text() + where);
    else if (m.type() === 'warning') consoleWarnings.push(m.text() + where);
  });
  page.on('pageerror', (e) => pageErrors.push(`${e.name}: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  page.on('response', (r) => {
    if (r.status() >= 400) failedResponses.push(`${r.status()} ${r.url()}`);
  });
  // data: and blob: URLs never touch the network; anything else must be same-origin. An
  // off-origin request is recorded and aborted, so the test fails without reaching out.
  await context.route(
    (u) => u.origin !== origin && u.protocol !== 'data:' && u.protocol !== 'blob:',
    async (route) => {
      offOrigin.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  if (options.withoutWebGpu) await page.addInitScript(hideWebGpuInitScript);
  await page.addInitScript(gpuProbeInitScript);
  for (const script of options.initScripts ?? []) await page.addInitScript(script);
  await page.goto(url, { waitUntil: 'load' });

  return {
    page,
    context,
    consoleErrors,
    consoleWarnings,
    pageErrors,
    requests,
    offOrigin,
    failedResponses,
    assertClean(allowConsole = []) {
      const allowed = (m: string) => allowConsole.some((re) => re.test(m));
      const problems = [
        ...consoleErrors.filter((m) => !allowed(m)).map((m) => `console error: ${m}`),
        // Chromium reports uncaptured WebGPU errors (validation, out of memory) as warnings.
        ...consoleWarnings.filter((m) => !allowed(m)).map((m) => `console warning: ${m}`),
        ...pageErrors.map((e) => `page error: ${e}`),
        ...offOrigin.map((u) => `request off the origin ${origin}: ${u}`),
        ...failedResponses.map((r) => `failed response: ${r}`),
      ];
      if (problems.length) throw new Error(['The page was not clean:', ...problems].join('\n'));
    },
    async screenshot(name, element) {
      const path = join(RESULTS_DIR, `${name}.png`);
      if (element === undefined) return page.screenshot({ path, fullPage: true });
      const locator = typeof element === 'string' ? page.locator(element) : element;
      return locator.first().screenshot({ path });
    },
    async axe() {
      axeSource ??= readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
      // Evaluated through the DevTools protocol: the page's CSP forbids inline script tags.
      await page.evaluate(axeSource);
      const raw = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run(
                ctx: Document,
                opts: object,
              ): Promise<{
                violations: {
                  id: string;
                  impact: string | null;
                  help: string;
                  nodes: { target: unknown[]; failureSummary?: string }[];
                }[];
              }>;
            };
          }
        ).axe;
        const result = await axe.run(document, {
          runOnly: {
            type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
          },
          resultTypes: ['violations'],
        });
        return result.violations.map((v) => ({
          id: v.id,
          impact: v.impact ?? 'unknown',
          help: v.help,
          nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`),
        }));
      });
      writeFileSync(join(RESULTS_DIR, 'axe.json'), JSON.stringify(raw, null, 2));
      return raw.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    },
    deviceCount() {
      return page.evaluate(
        () => (window as unknown as { __e2eDevices: unknown[] }).__e2eDevices.length,
      );
    },
  };
}

/**
 * Asks the page for a WebGPU adapter, as the app would; fails with what to install when
 * there is none (never skips). Returns the adapter's architecture (e.g. 'swiftshader').
 */
export async function requireWebGpu(page: Page): Promise<string> {
  const info = await page.evaluate(async () => {
    if (!window.isSecureContext) return { error: 'the page is not a secure context' };
    if (!('gpu' in navigator)) return { error: 'navigator.gpu is missing' };
    const adapter = await navigator.gpu.requestAdapter();
    if (!adapter) return { error: 'navigator.gpu.requestAdapter() returned null' };
    return { architecture: adapter.info.architecture || adapter.info.vendor || 'unknown' };
  });
  if ('error' in info) {
    throw new Error(
      `No WebGPU in Chromium: ${info.error}. ${INSTALL_CHROMIUM} Chromium must get ` +
        `${CHROMIUM_ARGS[0]} and the page must be served from 127.0.0.1.`,
    );
  }
  return info.architecture;
}

// ---- PNG: enough of a decoder to tell a drawn picture from a blank one ------------------------

export interface Image {
  readonly width: number;
  readonly height: number;
  /** RGBA, 8 bits per channel. */
  readonly rgba: Uint8Array;
}

/** Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium's screenshots are). */
export function decodePng(png: Buffer): Image {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      const colorType = data[9];
      if (depth !== 8 || data[12] !== 0 || (colorType !== 2 && colorType !== 6)) {
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colorType}`);
      }
      channels = colorType === 6 ? 4 : 3;
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? pixels[y * stride + i - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + i]! : 0;
      const c = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + i] = (line[i]! + predictor) & 0xff;
    }
  }
  if (channels === 4) return { width, height, rgba: pixels };
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    rgba[p * 4] = pixels[p * 3]!;
    rgba[p * 4 + 1] = pixels[p * 3 + 1]!;
    rgba[p * 4 + 2] = pixels[p * 3 + 2]!;
    rgba[p * 4 + 3] = 255;
  }
  return { width, height, rgba };
}

/** How many distinct colours (quantized to 5 bits per channel) an image has. */
export function distinctColors(image: Image): number {
  const seen = new Set<number>();
  for (let p = 0; p < image.width * image.height; p++) {
    const r = image.rgba[p * 4]! >> 3;
    const g = image.rgba[p * 4 + 1]! >> 3;
    const b = image.rgba[p * 4 + 2]! >> 3;
    seen.add((r << 10) | (g << 5) | b);
  }
  return seen.size;
}

/** Polls `probe` until it returns a non-undefined value or `timeoutMs` passes. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 60_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > end) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}` +
          (lastError ? `: ${String(lastError)}` : ''),
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
