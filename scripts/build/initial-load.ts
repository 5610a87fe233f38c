// A Vite plugin that prints what a first visit downloads: the entry chunk, the chunks it
// imports statically (all fetched before the page runs), and the CSS they need, each with its
// gzip size, against the budget of 150 kB of JavaScript. Chunks loaded with import() (charts,
// other views, training, KaTeX, translations) are listed apart. The numbers also go to
// dist/initial-load.json, which tests/e2e/bundle.test.ts checks.

import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** The most JavaScript (gzip) a first visit may download (tests/e2e/bundle.test.ts holds it). */
export const INITIAL_JS_BUDGET_BYTES = 150 * 1024;

interface ChunkSize {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface InitialLoadReport {
  readonly budgetGzipBytes: number;
  readonly initialJsGzipBytes: number;
  readonly initial: readonly ChunkSize[];
  readonly lazy: readonly ChunkSize[];
}

export function initialLoadReport(): Plugin {
  return {
    name: 'descent-lab-initial-load',
    apply: 'build',
    generateBundle(_options, bundle) {
      const size = (file: string, source: string | Uint8Array): ChunkSize => {
        const bytes = typeof source === 'string' ? Buffer.from(source) : Buffer.from(source);
        return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
      };
      const initialFiles = new Set<string>();
      const visit = (file: string) => {
        const chunk = bundle[file];
        if (!chunk || chunk.type !== 'chunk' || initialFiles.has(file)) return;
        initialFiles.add(file);
        for (const css of chunk.viteMetadata?.importedCss ?? []) initialFiles.add(css);
        for (const next of chunk.imports) visit(next);
      };
      for (const [file, out] of Object.entries(bundle)) {
        if (out.type === 'chunk' && out.isEntry) visit(file);
      }
      const initial: ChunkSize[] = [];
      const lazy: ChunkSize[] = [];
      for (const [file, out] of Object.entries(bundle)) {
        if (!/\.(js|css)$/.test(file)) continue;
        const entry = size(file, out.type === 'chunk' ? out.code : out.source);
        (initialFiles.has(file) ? initial : lazy).push(entry);
      }
      const initialJs = initial.filter((c) => c.file.endsWith('.js'));
      const report: InitialLoadReport = {
        budgetGzipBytes: INITIAL_JS_BUDGET_BYTES,
        initialJsGzipBytes: initialJs.reduce((sum, c) => sum + c.gzipBytes, 0),
        initial,
        lazy: lazy.sort((a, b) => b.gzipBytes - a.gzipBytes),
      };
      this.emitFile({
        type: 'asset',
        fileName: 'initial-load.json',
        source: JSON.stringify(report, null, 2) + '\n',
      });
      const kB = (n: number) => (n / 1024).toFixed(1).padStart(7) + ' kB';
      const lines = [
        '',
        'First load (what a visit downloads before the page runs), gzip:',
        ...initial.map((c) => `  ${kB(c.gzipBytes)}  ${c.file}`),
        `  ${kB(report.initialJsGzipBytes)}  JavaScript in all (target ${kB(INITIAL_JS_BUDGET_BYTES).trim()}${
          report.initialJsGzipBytes > INITIAL_JS_BUDGET_BYTES
            ? `: ${kB(report.initialJsGzipBytes - INITIAL_JS_BUDGET_BYTES).trim()} over`
            : ''
        })`,
        'Loaded when first used, gzip:',
        ...report.lazy.slice(0, 12).map((c) => `  ${kB(c.gzipBytes)}  ${c.file}`),
        ...(report.lazy.length > 12 ? [`  … and ${report.lazy.length - 12} smaller files`] : []),
        '',
      ];
      // Printed with console.log so that it shows under `vite build --logLevel warn` too.
      console.log(lines.join('\n'));
    },
  };
}
