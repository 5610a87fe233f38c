// Every public reference case through one batch on the float32 WGSL engine, compared with
// PyTorch 1.13's float32 trajectory at docs/TOLERANCES.md's float32 tolerances over the case's
// f32_compare_steps window (one test per case, so a failure names it). The whole batch runs
// inside an error scope: any validation error fails the suite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeGpu, withErrorScopes, type NodeGpu } from '../../scripts/node-webgpu';
import {
  compareTrajectory,
  FLOAT32_TOLERANCE,
  type ExpectedTrajectory,
} from '../../src/core/compare';
import { parseRunSpec } from '../../src/core/spec';
import type { Trajectory } from '../../src/core/types';
import { BatchEngine } from '../../src/gpu/engine';
import { DEFAULT_REGISTRY } from '../../src/gpu/registry';
import { loadReferenceCases } from '../reference';

interface Case {
  id: string;
  steps: number;
  chaotic: boolean;
  f32_compare_steps: number;
  expected: { float32: ExpectedTrajectory };
}

const cases = loadReferenceCases<Case>();

let gpu: NodeGpu;
const produced = new Map<string, Trajectory>();

beforeAll(async () => {
  gpu = await openNodeGpu();
  const engine = await BatchEngine.create(gpu.device, { registry: DEFAULT_REGISTRY });
  const runs = cases.map((c, i) => parseRunSpec(c, i));
  const trajectories = await withErrorScopes(gpu.device, async () => {
    const batch = engine.prepare(runs, { recordEvery: 1 });
    try {
      await batch.run();
      return await batch.readBack();
    } finally {
      batch.destroy();
    }
  });
  cases.forEach((c, i) => {
    const t = trajectories[i];
    if (t) produced.set(c.id, t);
  });
});

afterAll(() => {
  gpu?.close();
});

describe('float32 WGSL engine vs PyTorch float32 (one batch)', () => {
  it('reads the public case file and runs every case', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(produced.size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (id, c) => {
    const trajectory = produced.get(id);
    expect(trajectory).toBeDefined();
    expect(trajectory!.divergedAt).toBeNull();
    const result = compareTrajectory(
      trajectory!,
      c.expected.float32,
      FLOAT32_TOLERANCE,
      c.f32_compare_steps,
      { float32: true },
    );
    expect(result.firstFailure ?? 'ok').toBe('ok');
    expect(result.ok).toBe(true);
  });
});
