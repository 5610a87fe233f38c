// KaTeX and its stylesheet (fonts bundled from the npm package, served from the page's origin),
// in their own chunk: Tex.tsx imports this module on first use.

import katex from 'katex';
import 'katex/dist/katex.min.css';

/** TeX → HTML; a malformed expression renders in red instead of throwing. */
export function renderTex(tex: string, display: boolean): string {
  return katex.renderToString(tex, {
    throwOnError: false,
    displayMode: display,
    output: 'htmlAndMathml',
  });
}
