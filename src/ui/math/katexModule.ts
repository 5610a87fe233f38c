// KaTeX in its own chunk: Tex.tsx imports this module on first use. It writes MathML only,
// which the browser typesets itself: no stylesheet or fonts to load, and no inline style
// attributes, which the page's Content-Security-Policy (style-src 'self') refuses.

import katex from 'katex';

/** TeX → MathML; a malformed expression renders in red instead of throwing. */
export function renderTex(tex: string, display: boolean): string {
  return katex.renderToString(tex, {
    throwOnError: false,
    displayMode: display,
    output: 'mathml',
  });
}
