// One renderer per canvas: WebGPU when the app has a device, else the canvas-2D fallback.
// useCanvasRenderer serves any view (the map, the 3-D view) given its two factories.
// StrictMode-safe: each effect run has a generation; a renderer that finishes building after
// its effect was cleaned up (or superseded) is destroyed, never used. A canvas keeps one
// context type for life, so the component gives the canvas a new key when the kind changes.

import { useEffect, useRef, useState, type RefObject } from 'react';
import { gpuDevice } from '../compute';
import { useStore } from '../store';
import type { CpuMapRenderer } from './cpuMapRenderer';
import type { GpuMapRenderer } from './gpuMapRenderer';

export type MapRenderer = GpuMapRenderer | CpuMapRenderer;

/** Renderers mounted now (for end-to-end tests and the benchmark; the app never reads it). */
const active = new Set<MapRenderer>();
export function activeMapRenderers(): readonly MapRenderer[] {
  return [...active];
}

export interface RendererHandle<R = MapRenderer> {
  readonly kind: 'gpu' | 'cpu';
  readonly ref: RefObject<R | null>;
}

/** What useCanvasRenderer builds: a WebGPU renderer or a canvas-2D one (either may load first). */
export interface RendererFactories<R extends { destroy(): void }> {
  readonly gpu: (device: GPUDevice, canvas: HTMLCanvasElement) => Promise<R>;
  readonly cpu: (canvas: HTMLCanvasElement) => R | Promise<R>;
  /** Where mounted renderers are listed (for tests); optional. */
  readonly active?: Set<R>;
}

const MAP_FACTORIES: RendererFactories<MapRenderer> = {
  // The WebGPU renderer and its shaders load once there is a device: not in the first load.
  gpu: async (device, canvas) =>
    (await import('./gpuMapRenderer')).GpuMapRenderer.create(device, canvas),
  // Only pages without WebGPU draw in canvas 2D: not in the first load either.
  cpu: async (canvas) => new (await import('./cpuMapRenderer')).CpuMapRenderer(canvas),
  active,
};

/**
 * Builds the map renderer for `canvasRef` and calls `onReady` with it (the caller then pushes
 * a scene). Rebuilds when the app's device changes (device lost and recovered).
 */
export function useRenderer(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  onReady: (renderer: MapRenderer) => void,
): RendererHandle {
  return useCanvasRenderer(canvasRef, onReady, MAP_FACTORIES);
}

/** useRenderer for any pair of renderer factories (a module-level constant). */
export function useCanvasRenderer<R extends { destroy(): void }>(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  onReady: (renderer: R) => void,
  factories: RendererFactories<R>,
): RendererHandle<R> {
  const gpuKind = useStore((s) => s.view.gpu.kind);
  const resultsVersion = useStore((s) => s.view.resultsVersion);
  const [failedDevice, setFailedDevice] = useState<GPUDevice | null>(null);
  const ref = useRef<R | null>(null);
  const generation = useRef(0);
  const readyRef = useRef(onReady);
  useEffect(() => {
    readyRef.current = onReady;
  });
  // resultsVersion is read so a recovered device (published with new results) is noticed.
  void resultsVersion;
  const device = gpuKind === 'webgpu' ? gpuDevice() : null;
  const kind: 'gpu' | 'cpu' = device && device !== failedDevice ? 'gpu' : 'cpu';

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const gen = ++generation.current;
    let alive = true;
    let mine: R | null = null;
    const { active: list } = factories;
    const adopt = (r: R) => {
      if (!alive || gen !== generation.current) {
        r.destroy();
        return;
      }
      mine = r;
      list?.add(r);
      ref.current = r;
      readyRef.current(r);
    };
    if (kind === 'cpu' || !device) {
      // A canvas without a 2-D context draws nothing; the page goes on without a map picture.
      new Promise<R>((resolve) => resolve(factories.cpu(canvas))).then(adopt, () => undefined);
    } else {
      factories.gpu(device, canvas).then(adopt, () => {
        if (alive && gen === generation.current) setFailedDevice(device);
      });
    }
    return () => {
      alive = false;
      if (mine) list?.delete(mine);
      mine?.destroy();
      if (ref.current === mine) ref.current = null;
    };
  }, [canvasRef, kind, device, factories]);

  return { kind, ref };
}
