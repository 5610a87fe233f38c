// The page: header controls, banners, the map (or the grid of every surface) beside the lanes,
// then time, charts and "Explain this step". A full-page view (src/ui/views.ts: the Train view)
// takes the place of all of those. Embed mode (#…&embed=1) shows only the map and the charts.

import { lazy, Suspense, useEffect } from 'react';
import { startCompute } from './compute';
import { startTrainSessionWhenShown } from './train/startWhenShown';
import { viewFor } from './views';
import './allViews';
import { startUrlSync } from './url-sync';
import { useStore } from './store';
import { Banners } from './components/Banners';
import { ExplainPanel } from './components/ExplainPanel';
import { LanesPanel } from './components/LanesPanel';
import { MapArea } from './components/MapArea';
import { TimeBar } from './components/TimeBar';
import { Toolbar } from './components/Toolbar';

// Split from the first load (recharts is the largest library here): the map and the lanes
// come first, the charts a moment later in a box of the same height.
const Charts = lazy(() => import('./components/Charts').then((m) => ({ default: m.Charts })));

export function App() {
  const embed = useStore((s) => s.config.embed);
  const mode = useStore((s) => s.config.mode);
  const Page = viewFor(mode)?.page ?? null;
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
      {!embed && (
        <header className="header">
          <h1>
            Descent Lab <span className="tagline">optimizers on loss surfaces, PyTorch-exact</span>
          </h1>
          <Toolbar />
        </header>
      )}
      {embed && <h1 className="visually-hidden">Descent Lab</h1>}
      <Banners />
      {Page ? (
        <main>
          <Suspense fallback={<p className="view-loading">Loading…</p>}>
            <Page />
          </Suspense>
        </main>
      ) : (
        <>
          <main className="layout">
            <MapArea />
            {!embed && <LanesPanel />}
          </main>
          {!embed && <TimeBar />}
          <Suspense fallback={<div className="charts charts-loading" />}>
            <Charts />
          </Suspense>
          {!embed && <ExplainPanel />}
        </>
      )}
      <GpuStatusLine />
    </div>
  );
}

function GpuStatusLine() {
  const gpu = useStore((s) => s.view.gpu);
  const ms = useStore((s) => s.view.computeMs);
  const gpuMs = useStore((s) => s.view.gpuMs);
  const text =
    gpu.kind === 'webgpu'
      ? `WebGPU: ${gpu.adapter}`
      : gpu.kind === 'pending'
        ? 'starting WebGPU…'
        : 'CPU (no WebGPU)';
  return (
    <footer className="status-line" data-gpu={gpu.kind}>
      {text} · last compute {ms.toFixed(1)} ms
      {gpu.kind === 'webgpu' && gpuMs !== null
        ? ` · GPU batch done ${gpuMs.toFixed(0)} ms after submit`
        : ''}
    </footer>
  );
}
