// The one owner of the browser's WebGPU device. It asks for the adapter's own limits (the
// defaults are far lower: 128 MiB per binding), turns every way of not getting a device into a
// sentence for the UI, reports loss and uncaptured errors through callbacks, and can build a
// fresh device after a loss (the UI then rebuilds its batches from its state).
// React StrictMode mounts, unmounts and mounts again: a device that arrives after its owner
// was disposed is destroyed, never handed out.

import { messageOf } from '../core/errors';
import { englishText, message, type Message } from '../core/messages';

/** What acquiring a device gave: a device, or a reason the UI can show. */
export type GpuAcquisition =
  | { readonly ok: true; readonly adapter: GPUAdapter; readonly device: GPUDevice }
  | {
      readonly ok: false;
      /** The reason in English (logs, tests). */
      readonly reason: string;
      /** The reason, for the interface to say in its language. */
      readonly problem: Message;
    };

const refused = (problem: Message): GpuAcquisition => ({
  ok: false,
  reason: englishText(problem),
  problem,
});

export interface GpuCallbacks {
  /** The device was lost without being asked to (driver reset, GPU removed, out of memory). */
  readonly onLost?: (message: string, reason: GPUDeviceLostReason) => void;
  /** A GPU error no error scope caught. */
  readonly onError?: (message: string) => void;
}

/** Where WebGPU comes from: the page's navigator by default, Dawn's `GPU` in Node tests. */
export interface GpuSource {
  readonly gpu: GPU | undefined;
  /** False on plain-http pages other than localhost, where browsers hide navigator.gpu. */
  readonly isSecureContext: boolean;
}

export function browserGpuSource(): GpuSource {
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  return {
    gpu: nav?.gpu,
    isSecureContext: (globalThis as { isSecureContext?: boolean }).isSecureContext ?? true,
  };
}

/** The limits the engine plans with, raised to what the adapter offers. */
const LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBuffersPerShaderStage',
] as const;

/** Requests an adapter and a device with the adapter's limits, or says why not. */
export async function acquireGpu(source: GpuSource = browserGpuSource()): Promise<GpuAcquisition> {
  if (!source.gpu) {
    return refused(message(source.isSecureContext ? 'gpu.noWebGpu' : 'gpu.insecure'));
  }
  let adapter: GPUAdapter | null;
  try {
    adapter = await source.gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return refused(message('gpu.adapterFailed', { error: messageOf(error) }));
  }
  if (!adapter) {
    return refused(message('gpu.noAdapter'));
  }
  const requiredLimits: Record<string, number> = {};
  for (const key of LIMITS) requiredLimits[key] = adapter.limits[key];
  try {
    const device = await adapter.requestDevice({ label: 'Descent Lab', requiredLimits });
    return { ok: true, adapter, device };
  } catch (error) {
    return refused(message('gpu.deviceFailed', { error: messageOf(error) }));
  }
}

/**
 * Owns at most one device at a time. `acquire()` and `recreate()` resolve with the new device
 * or a reason; loss and uncaptured errors of the current device go to the callbacks.
 */
export class GpuOwner {
  private readonly callbacks: GpuCallbacks;
  private readonly source: () => GpuSource;
  private device: GPUDevice | null = null;
  /** Bumped by every acquire and by dispose: a device from an older request is destroyed. */
  private generation = 0;
  private disposed = false;

  constructor(callbacks: GpuCallbacks = {}, source: () => GpuSource = browserGpuSource) {
    this.callbacks = callbacks;
    this.source = source;
  }

  get current(): GPUDevice | null {
    return this.device;
  }

  /** Acquires a device (destroying the one held, if any). */
  async acquire(): Promise<GpuAcquisition> {
    if (this.disposed) return refused(message('gpu.disposed'));
    this.release();
    const generation = ++this.generation;
    const result = await acquireGpu(this.source());
    if (!result.ok) return result;
    if (this.disposed || generation !== this.generation) {
      // Superseded while waiting (StrictMode's second mount, or a dispose): not ours to keep.
      result.device.destroy();
      return refused(message('gpu.superseded'));
    }
    const device = result.device;
    this.device = device;
    device.addEventListener('uncapturederror', (event) => {
      if (this.device !== device) return;
      const error = (event as GPUUncapturedErrorEvent).error;
      this.callbacks.onError?.(`Uncaught GPU error: ${error.message}`);
    });
    void device.lost.then((info) => {
      // A device we destroyed ourselves (release, dispose) is not news.
      if (this.device !== device) return;
      this.device = null;
      this.callbacks.onLost?.(
        `The GPU device was lost (${info.reason}): ${info.message || 'no message'}`,
        info.reason,
      );
    });
    return result;
  }

  /** After a loss: a fresh device; the caller rebuilds its engines and batches on it. */
  recreate(): Promise<GpuAcquisition> {
    return this.acquire();
  }

  private release(): void {
    const device = this.device;
    this.device = null;
    device?.destroy();
  }

  /** Destroys the device; pending acquisitions destroy theirs when they arrive. */
  dispose(): void {
    this.disposed = true;
    this.generation++;
    this.release();
  }
}
