// WebGPU in Node (Dawn through the `webgpu` package) on Chromium's SwiftShader Vulkan driver,
// for the GPU tests, the cases CLI and the benchmark. See docs/WEBGPU-TESTING.md.
import { existsSync } from 'node:fs';
import { create, globals } from 'webgpu';

const SWIFTSHADER_DIR = '/usr/lib/chromium';
const SWIFTSHADER_ICD = `${SWIFTSHADER_DIR}/vk_swiftshader_icd.json`;

export const INSTALL_HINT =
  'No WebGPU adapter. The tests run WebGPU on the SwiftShader Vulkan driver that ships with ' +
  "Debian's chromium package: run `apt-get update && apt-get install -y chromium` (as root), " +
  'and start Node through scripts/gpu-env.sh (it sets LD_LIBRARY_PATH and VK_ICD_FILENAMES), ' +
  'or point VK_ICD_FILENAMES at another Vulkan driver.';

export interface NodeGpu {
  /** The Dawn instance (a `GPU`, like navigator.gpu), for libraries that request their own adapter. */
  readonly gpu: GPU;
  readonly adapter: GPUAdapter;
  readonly device: GPUDevice;
  /** Destroys the device and drops the Dawn instance so that Node can exit. */
  close(): void;
}

// dawn.node crashes at random if the object `create()` returned is garbage-collected while a
// device from it lives, so it is held here until close().
let liveInstance: GPU | null = null;

/**
 * Opens an adapter and a device with the adapter's own limits (the defaults are far lower:
 * 128 MiB per binding). Throws INSTALL_HINT when no adapter exists.
 */
export async function openNodeGpu(): Promise<NodeGpu> {
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
  Object.assign(globalThis, globals);
  const gpu = create([]);
  liveInstance = gpu;
  const adapter = await gpu.requestAdapter();
  if (!adapter) {
    liveInstance = null;
    throw new Error(INSTALL_HINT);
  }
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
      maxStorageBuffersPerShaderStage: adapter.limits.maxStorageBuffersPerShaderStage,
      maxComputeWorkgroupsPerDimension: adapter.limits.maxComputeWorkgroupsPerDimension,
    },
  });
  return {
    gpu,
    adapter,
    device,
    close() {
      device.destroy();
      liveInstance = null;
    },
  };
}

/** True while an instance is held; exported for tests that check the harness itself. */
export function hasLiveInstance(): boolean {
  return liveInstance !== null;
}

/**
 * Runs `body` inside validation, out-of-memory and internal error scopes and throws if any
 * of them caught an error, so a GPU test fails on any validation error.
 */
export async function withErrorScopes<T>(device: GPUDevice, body: () => Promise<T>): Promise<T> {
  device.pushErrorScope('internal');
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await body() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  // The scopes are popped whatever the body did, so a failed test leaves none open.
  const validation = await device.popErrorScope();
  const outOfMemory = await device.popErrorScope();
  const internal = await device.popErrorScope();
  const gpuError = validation ?? outOfMemory ?? internal;
  if (gpuError) throw new Error(`GPU error: ${gpuError.message}`);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
