// The float64 training loop in a Web Worker: the Train view's backend without WebGPU. Each
// slot is a Float64Trainer (src/core/train/trainer.ts); the page talks to it through
// cpuBackend.ts, one request at a time, so long runs never block the page.

import { Float64Trainer } from '../../core/train/trainer';
import {
  TRACE_LIMIT,
  type ReplicaProgress,
  type TrainReplicaSetup,
} from '../../core/train/backend';
import type { Dataset, ModelSpec } from '../../core/train/types';
import type { CpuRequest, CpuResponse, CpuResult } from './cpuProtocol';
import { messageOf } from '../../core/errors';

let model: ModelSpec | null = null;
let train: Dataset | null = null;
let test: Dataset | null = null;
let slots: (Float64Trainer | null)[] = [];

function trainerFor(setup: TrainReplicaSetup | null): Float64Trainer | null {
  if (!setup) return null;
  if (!model || !train) throw new Error('the CPU backend has no model or data yet');
  return new Float64Trainer({ ...setup, model, data: train });
}

function trim(list: (Float64Trainer | null)[]): void {
  while (list.length > 0 && list[list.length - 1] === null) list.pop();
}

function run(maxSteps: number): (ReplicaProgress | null)[] {
  return slots.map((trainer) => {
    if (!trainer) return null;
    const from = trainer.t;
    const p = trainer.params.length;
    const tracing = p <= TRACE_LIMIT;
    const trace: number[] = [];
    if (tracing) {
      for (let k = 0; k < maxSteps && trainer.step(); k++) {
        if (trainer.divergedAt === null) trace.push(...trainer.params);
      }
    } else {
      trainer.runSteps(maxSteps);
    }
    // A diverged step is not part of the curve.
    const to = trainer.divergedAt ?? trainer.t;
    return {
      id: trainer.run.id,
      from,
      losses: trainer.loss.slice(from, to),
      lrs: trainer.lr.slice(from, to),
      status: trainer.status,
      divergedAt: trainer.divergedAt,
      trace: tracing ? Float32Array.from(trace.slice(0, (to - from) * p)) : null,
    };
  });
}

function handle(request: CpuRequest): CpuResult {
  switch (request.kind) {
    case 'init':
      model = request.model;
      train = request.train;
      test = request.test;
      slots = [];
      return null;
    case 'setReplicas':
      slots = request.setups.map(trainerFor);
      trim(slots);
      return null;
    case 'setReplica':
      slots[request.index] = trainerFor(request.setup);
      for (let i = 0; i < slots.length; i++) slots[i] ??= null;
      trim(slots);
      return null;
    case 'run':
      return run(request.maxSteps);
    case 'evaluate': {
      const data = request.set === 'train' ? train : test;
      if (!data) throw new Error(`There are no ${request.set} rows to evaluate on`);
      return slots.map((trainer) => {
        if (!trainer) return null;
        const e = trainer.evaluate(data);
        return {
          id: trainer.run.id,
          loss: e.loss,
          accuracy: e.accuracy,
          predictions: e.predictions,
        };
      });
    }
    case 'readParams': {
      const trainer = slots[request.index];
      if (!trainer) throw new Error(`No replica in slot ${request.index}`);
      return Float64Array.from(trainer.params);
    }
  }
}

self.onmessage = (event: MessageEvent<CpuRequest>) => {
  const request = event.data;
  let response: CpuResponse;
  try {
    response = { id: request.id, ok: true, result: handle(request) };
  } catch (error) {
    response = {
      id: request.id,
      ok: false,
      error: messageOf(error),
    };
  }
  (self as unknown as Worker).postMessage(response);
};
