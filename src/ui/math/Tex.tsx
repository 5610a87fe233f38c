// A TeX formula typeset by KaTeX, which loads on first use (dynamic import, not in the first
// bundle). Until it arrives the TeX source is shown as code.

import { useEffect, useState } from 'react';

type Render = (tex: string, display: boolean) => string;

let loading: Promise<Render> | null = null;
let loaded: Render | null = null;

function loadKatex(): Promise<Render> {
  loading ??= import('./katexModule').then((m) => {
    loaded = m.renderTex;
    return m.renderTex;
  });
  return loading;
}

/** The renderer once KaTeX has loaded (null before), re-rendering the caller when it arrives. */
export function useTexRenderer(): Render | null {
  const [render, setRender] = useState<Render | null>(() => loaded);
  useEffect(() => {
    if (render) return;
    let live = true;
    void loadKatex().then((r) => {
      if (live) setRender(() => r);
    });
    return () => {
      live = false;
    };
  }, [render]);
  return render;
}

export function Tex({ tex, display = false }: { tex: string; display?: boolean }) {
  const render = useTexRenderer();
  if (!render) return <code className="tex-source">{tex}</code>;
  return (
    <span
      className={display ? 'tex tex-display' : 'tex'}
      // KaTeX's own output from our TeX (built from numbers and fixed symbols, no user text).
      dangerouslySetInnerHTML={{ __html: render(tex, display) }}
    />
  );
}
