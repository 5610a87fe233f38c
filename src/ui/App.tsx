// The page: skip links, header controls, banners, the time bar, the map (or the grid of every
// surface) beside the lanes, then charts and "Explain this step". The time bar, map and lanes
// fit the first screen (the layout's height is what is left of the window below the time bar).
// A full-page view (src/ui/views.ts: the Train view) takes the place of all of those.
// Embed mode (#…&embed=1) fills its frame with the map and a compact bar (EmbedBar).

import { lazy, Suspense, useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from './i18n';
import { startCompute } from './compute';
import { startTrainSessionWhenShown } from './train/startWhenShown';
import { viewFor } from './views';
import './allViews';
import { readHash, startUrlSync } from './url-sync';
import { useStore } from './store';
import { openAnimating, usePlayLoop, useSpaceToPlay } from './playback';
import { Banners } from './components/Banners';
import { LanesPanel } from './components/LanesPanel';
import { MapArea } from './components/MapArea';
import { SkipLinks } from './components/SkipLinks';
import { TimeBar } from './components/TimeBar';
import { Toolbar } from './components/Toolbar';

// Split from the first load (recharts is the largest library here): the map and the lanes
// come first, the charts a moment later in a box of the same height.
const Charts = lazy(() => import('./components/Charts').then((m) => ({ default: m.Charts })));
// Only embeds (embed=1) show the compact bar; the map comes first in them anyway.
const EmbedBar = lazy(() => import('./components/EmbedBar').then((m) => ({ default: m.EmbedBar })));
// Below the fold, with the worked-example templates: loaded after the first screen.
const ExplainPanel = lazy(() =>
  import('./components/ExplainPanel').then((m) => ({ default: m.ExplainPanel })),
);

/**
 * Before the first render: the link's config, and step 0 when the page opens animating, so no
 * frame of the finished paths comes first.
 */
export async function openFromLink(): Promise<void> {
  await readHash();
  if (!viewFor(useStore.getState().config.mode)?.page) openAnimating(window.location.hash);
}

/** Smallest height of the map row, however short the window. */
const MIN_FOLD_PX = 320;

export function App() {
  const { t } = useTranslation();
  const embed = useStore((s) => s.config.embed);
  const mode = useStore((s) => s.config.mode);
  const Page = viewFor(mode)?.page ?? null;
  const layoutRef = useRef<HTMLElement | null>(null);
  useFoldHeight(layoutRef);
  useEffect(() => {
    const stopUrl = startUrlSync();
    const stopCompute = startCompute();
    const stopTraining = startTrainSessionWhenShown();
    return () => {
      stopTraining();
      stopCompute();
      stopUrl();
    };
  }, []);
  return (
    <div className={`app${embed ? ' embed' : ''}`}>
      {!embed && <SkipLinks />}
      {!embed && (
        <header className="header">
          <h1>
            Descent Lab <span className="tagline">{t('page.tagline')}</span>
          </h1>
          <Toolbar />
        </header>
      )}
      {embed && <h1 className="visually-hidden">Descent Lab</h1>}
      <Banners />
      {Page ? (
        <main>
          <Suspense fallback={<p className="view-loading">{t('page.loading')}</p>}>
            <Page />
          </Suspense>
        </main>
      ) : embed ? (
        <main className="embed-main">
          <Playback />
          <MapArea />
          <Suspense fallback={null}>
            <EmbedBar />
          </Suspense>
        </main>
      ) : (
        <>
          <Playback />
          <TimeBar />
          <main className="layout" ref={layoutRef}>
            <MapArea />
            <div id="lanes" className="lanes-slot" tabIndex={-1}>
              <LanesPanel />
            </div>
          </main>
          <div id="charts" className="charts-slot" tabIndex={-1}>
            <Suspense fallback={<div className="charts charts-loading" />}>
              <Charts />
            </Suspense>
          </div>
          <Suspense fallback={null}>
            <ExplainPanel />
          </Suspense>
        </>
      )}
      {!embed && <GpuStatusLine />}
    </div>
  );
}

/** The play loop and Space = play/pause, wherever a time control is shown. */
function Playback() {
  usePlayLoop();
  useSpaceToPlay();
  return null;
}

/**
 * Sets --fold on the map-and-lanes row: the window height below the row's top, so the map,
 * the lanes and the time bar above them fit the first screen without scrolling.
 */
function useFoldHeight(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const measure = (): void => {
      const el = ref.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top + window.scrollY;
      const fold = Math.max(MIN_FOLD_PX, Math.floor(window.innerHeight - top - 10));
      el.style.setProperty('--fold', `${fold}px`);
    };
    measure();
    // What sits above the row (toolbar, banners) changes height with the config and messages.
    const observer = new ResizeObserver(measure);
    const app = ref.current?.closest('.app');
    if (app) for (const child of app.children) if (child !== ref.current) observer.observe(child);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  });
}

function GpuStatusLine() {
  const { t } = useTranslation();
  const gpu = useStore((s) => s.view.gpu);
  const ms = useStore((s) => s.view.computeMs);
  const gpuMs = useStore((s) => s.view.gpuMs);
  // The adapter's name is the browser's, not the interface's: it stays as it comes.
  const engine =
    gpu.kind === 'webgpu' ? (
      <>
        WebGPU: <span translate="no">{gpu.adapter}</span>
      </>
    ) : gpu.kind === 'pending' ? (
      t('status.starting')
    ) : (
      t('status.cpu')
    );
  return (
    <footer className="status-line" data-gpu={gpu.kind}>
      {engine} · {t('status.lastCompute', { ms: ms.toFixed(1) })}
      {gpu.kind === 'webgpu' && gpuMs !== null
        ? ` · ${t('status.gpuDone', { ms: gpuMs.toFixed(0) })}`
        : ''}
    </footer>
  );
}
