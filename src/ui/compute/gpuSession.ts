// The page's GPU: one device and ONE engine for every batch kind (pipelines are compiled
// once per device), acquired at start, replaced after a device loss (the same config is
// recomputed on the new one), and given up for the CPU fallback when none can be had.

import type { Batch, BatchEngine } from '../../gpu/engine';
import { GpuOwner } from '../../gpu/device';
import { messageOf } from '../../core/errors';
import { message as coreMessage, type Message as CoreMessage } from '../../core/messages';
import { pushMessage, setGpuStatus } from '../store';
import { i18n } from '../i18n';

export interface BatchSlot {
  /** The batch whose buffers renderers draw (draw kinds) . */
  published: Batch | null;
  /** A finished batch whose buffers the kind's next prepare reuses. */
  spare: Batch | null;
}

export interface GpuState {
  /**
   * Held for the device's lifetime: with only the device referenced, Chromium (Dawn) can
   * collect the adapter and its instance ("A valid external Instance reference no longer
   * exists") and the device is lost as 'destroyed'.
   */
  readonly adapter: GPUAdapter;
  readonly device: GPUDevice;
  readonly engine: BatchEngine;
  readonly adapterName: string;
  /** Per batch kind id. */
  readonly slots: Map<string, BatchSlot>;
}

export interface GpuSessionEvents {
  /** A device and engine are ready (again): recompute everything on them. */
  ready(): void;
  /** The device is gone or given up: drop every result that points at its buffers. */
  gone(): void;
}

let gpu: GpuState | null = null;
let owner: GpuOwner | null = null;
let events: GpuSessionEvents | null = null;
/** Bumped whenever the device changes: async work of an older device drops its results. */
let generation = 0;
/** Set by a device loss until a new device is running (or the CPU takes over). */
let lostMessage: string | null = null;

export function currentGpu(): GpuState | null {
  return gpu;
}

export function gpuGeneration(): number {
  return generation;
}

export function slotOf(state: GpuState, kindId: string): BatchSlot {
  let slot = state.slots.get(kindId);
  if (!slot) {
    slot = { published: null, spare: null };
    state.slots.set(kindId, slot);
  }
  return slot;
}

function destroyAll(state: GpuState | null): void {
  for (const slot of state?.slots.values() ?? []) {
    slot.published?.destroy();
    slot.spare?.destroy();
  }
}

/** Leaves the GPU for good (a failed engine): the CPU fallback computes from now on. */
function fallBackToCpu(reason: CoreMessage): void {
  generation++;
  gpu = null;
  events?.gone();
  setGpuStatus({ kind: 'cpu-fallback', reason });
  events?.ready();
}

/** A GPU error other than a device loss (device.lost handles those). */
export function handleGpuFailure(error: unknown): void {
  const text = messageOf(error);
  if (/lost/i.test(text)) return;
  pushMessage('error', i18n.t('messages.gpuFailed', { text }));
  fallBackToCpu(coreMessage('gpu.engineFailed', { error: text }));
}

async function acquire(): Promise<void> {
  const myGeneration = generation;
  const current = owner;
  if (!current) return;
  // The engine and its WGSL load beside the device request, not with the page: the first
  // paint does not wait for them.
  const engineModules = Promise.all([import('../../gpu/engine'), import('../../gpu/registry')]);
  engineModules.catch(() => undefined); // awaited below only when a device came
  const acquired = await current.acquire();
  if (myGeneration !== generation || owner !== current) return;
  if (!acquired.ok) {
    const lost = lostMessage;
    lostMessage = null;
    if (lost) pushMessage('warning', i18n.t('messages.noNewDevice', { lost }));
    fallBackToCpu(acquired.problem);
    return;
  }
  try {
    const [{ BatchEngine }, { DEFAULT_REGISTRY }] = await engineModules;
    const engine = await BatchEngine.create(acquired.device, { registry: DEFAULT_REGISTRY });
    if (myGeneration !== generation) return;
    const info = acquired.adapter.info;
    const adapterName =
      [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'GPU';
    gpu = {
      adapter: acquired.adapter,
      device: acquired.device,
      engine,
      adapterName,
      slots: new Map(),
    };
    setGpuStatus({ kind: 'webgpu', adapter: adapterName });
    if (lostMessage) pushMessage('warning', i18n.t('messages.recovered', { lost: lostMessage }));
    lostMessage = null;
    events?.ready();
  } catch (error) {
    if (myGeneration !== generation) return;
    fallBackToCpu(coreMessage('gpu.engineStartFailed', { error: messageOf(error) }));
  }
}

/** Device lost (a driver reset, or a test destroying it): a new device, the same config. */
function onDeviceLost(message: string): void {
  generation++;
  gpu = null;
  events?.gone();
  lostMessage = message.replace(/\.+$/, '');
  setGpuStatus({ kind: 'pending' });
  void acquire();
}

/** Starts acquiring the device; returns the disposer. */
export function startGpuSession(handlers: GpuSessionEvents): () => void {
  events = handlers;
  owner = new GpuOwner({
    onLost: (message) => onDeviceLost(message),
    onError: (message) => pushMessage('error', message),
  });
  void acquire();
  return () => {
    generation++;
    destroyAll(gpu);
    gpu = null;
    events = null;
    owner?.dispose();
    owner = null;
  };
}
