// Every optimizer's worked examples (src/core/optimizers/<id>.ts) through its WGSL update, the
// element-wise function every GPU engine calls: one invocation per example, in float32, with
// the step scalars and constants the engines upload (float64 on the CPU, rounded once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeGpu, withErrorScopes, type NodeGpu } from '../../scripts/node-webgpu';
import { OPTIMIZERS, OPTIMIZER_COMMON_WGSL } from '../../src/core/optimizers';
import { optimizerFn } from '../../src/core/naming';
import { defaultValues } from '../../src/core/params';
import { STEP_SCALARS, type OptimizerDef } from '../../src/core/types';

let gpu: NodeGpu;

beforeAll(async () => {
  gpu = await openNodeGpu();
});

afterAll(() => {
  gpu?.close();
});

/** Values per step in the input block: g, lr, s0, s1, s2. */
const STEP_WORDS = 5;
/** x0, c0, c1, the initial state slots. */
const HEADER_WORDS = 13;

function exampleShader(def: OptimizerDef): string {
  return `${OPTIMIZER_COMMON_WGSL}
${def.wgsl}
@group(0) @binding(0) var<storage, read> plan: array<u32>; // (steps, input offset, output offset) per example
@group(0) @binding(1) var<storage, read> inputs: array<f32>;
@group(0) @binding(2) var<storage, read_write> outputs: array<f32>;

fn vec4At(i: u32) -> vec4<f32> {
  return vec4<f32>(inputs[i], inputs[i + 1u], inputs[i + 2u], inputs[i + 3u]);
}

@compute @workgroup_size(1)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let steps = plan[3u * id.x];
  let base = plan[3u * id.x + 1u];
  let out = plan[3u * id.x + 2u];
  var x = inputs[base];
  let c0 = vec4At(base + 1u);
  let c1 = vec4At(base + 5u);
  var state = vec4At(base + 9u);
  for (var t = 0u; t < steps; t++) {
    let k = base + ${HEADER_WORDS}u + ${STEP_WORDS}u * t;
    let s = vec3<f32>(inputs[k + 2u], inputs[k + 3u], inputs[k + 4u]);
    x = ${optimizerFn(def.id)}(x, inputs[k], inputs[k + 1u], t + 1u, s, c0, c1, &state);
    outputs[out + t] = x;
  }
}`;
}

/** Runs every example of `def` on the GPU; returns x after each step, per example. */
async function runExamples(def: OptimizerDef): Promise<number[][]> {
  const { device } = gpu;
  const layout: number[] = [];
  const inputs: number[] = [];
  let outputCount = 0;
  for (const example of def.examples) {
    const params = { ...defaultValues(def.params), ...example.params };
    const steps = example.gradients.length;
    const scalars = def.stepScalars(params, steps);
    const initial = def.initialState?.(params) ?? [];
    layout.push(steps, inputs.length, outputCount);
    inputs.push(example.x0, ...def.constants(params));
    inputs.push(...[0, 1, 2, 3].map((k) => initial[k] ?? 0));
    example.gradients.forEach((g, t) => {
      const row = t * STEP_SCALARS;
      inputs.push(g, params['lr'] as number, ...scalars.subarray(row, row + STEP_SCALARS));
    });
    outputCount += steps;
  }
  return withErrorScopes(device, async () => {
    const storage = (label: string, data: ArrayBufferView<ArrayBuffer>): GPUBuffer => {
      const buffer = device.createBuffer({
        label,
        size: Math.max(16, data.byteLength),
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
      });
      device.queue.writeBuffer(buffer, 0, data);
      return buffer;
    };
    const layoutBuffer = storage('examples.layout', Uint32Array.from(layout));
    const inputBuffer = storage('examples.inputs', Float32Array.from(inputs));
    const outputBytes = Math.max(16, outputCount * 4);
    const outputBuffer = device.createBuffer({
      label: 'examples.outputs',
      size: outputBytes,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
    });
    const readBuffer = device.createBuffer({
      label: 'examples.read',
      size: outputBytes,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
    const pipeline = device.createComputePipeline({
      layout: 'auto',
      compute: {
        module: device.createShaderModule({ code: exampleShader(def) }),
        entryPoint: 'main',
      },
    });
    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [layoutBuffer, inputBuffer, outputBuffer].map((buffer, binding) => ({
        binding,
        resource: { buffer },
      })),
    });
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(def.examples.length);
    pass.end();
    encoder.copyBufferToBuffer(outputBuffer, 0, readBuffer, 0, outputBytes);
    device.queue.submit([encoder.finish()]);
    await readBuffer.mapAsync(GPUMapMode.READ);
    const out = new Float32Array(readBuffer.getMappedRange().slice(0));
    readBuffer.unmap();
    for (const b of [layoutBuffer, inputBuffer, outputBuffer, readBuffer]) b.destroy();
    return def.examples.map((example, i) => {
      const start = layout[3 * i + 2] as number;
      return Array.from(out.subarray(start, start + example.gradients.length));
    });
  });
}

describe('worked examples, WGSL update (float32)', () => {
  for (const def of OPTIMIZERS) {
    it(def.id, async () => {
      const produced = await runExamples(def);
      def.examples.forEach((example, i) => {
        example.expected.forEach((e, t) => {
          const p = produced[i]?.[t] as number;
          // float32 arithmetic on float64 expectations: a few ulps of float32 per step.
          expect(
            Math.abs(p - e) / (1 + Math.abs(e)),
            `${example.name}, step ${t + 1}: ${p} vs ${e}`,
          ).toBeLessThan(2e-6);
        });
      });
    });
  }
});
