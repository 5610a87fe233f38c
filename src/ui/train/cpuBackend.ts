// The Train view's backend without WebGPU: the float64 loop (src/core/train/trainer.ts) in a
// Web Worker, behind the same TrainBackend contract as the batched WGSL engine, so the page
// stays responsive whatever the model. One request at a time, answered in order.

import type {
  EvalResult,
  ReplicaProgress,
  TrainBackend,
  TrainReplicaSetup,
} from '../../core/train/backend';
import type { Dataset, ModelSpec } from '../../core/train/types';
import type { CpuRequest, CpuResponse, CpuResult } from './cpuProtocol';

type Body = CpuRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class CpuBackend implements TrainBackend {
  readonly kind = 'cpu' as const;
  private readonly worker: Worker;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (result: CpuResult) => void; reject: (error: Error) => void }
  >();
  private statuses: (ReplicaProgress['status'] | null)[] = [];

  private constructor() {
    this.worker = new Worker(new URL('./cpuWorker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event: MessageEvent<CpuResponse>) => {
      const response = event.data;
      const waiting = this.pending.get(response.id);
      if (!waiting) return;
      this.pending.delete(response.id);
      if (response.ok) waiting.resolve(response.result);
      else waiting.reject(new Error(response.error));
    };
    this.worker.onerror = (event) => {
      const error = new Error(`The CPU training worker failed: ${event.message}`);
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
  }

  static async create(model: ModelSpec, train: Dataset, test: Dataset | null): Promise<CpuBackend> {
    const backend = new CpuBackend();
    await backend.request({ kind: 'init', model, train, test });
    return backend;
  }

  private request(body: Body): Promise<CpuResult> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...body, id } as CpuRequest);
    });
  }

  get running(): boolean {
    return this.statuses.some((s) => s === 'running');
  }

  async setReplicas(setups: readonly (TrainReplicaSetup | null)[]): Promise<void> {
    await this.request({ kind: 'setReplicas', setups });
    this.statuses = setups.map((s) => (s ? (s.steps > 0 ? 'running' : 'done') : null));
  }

  async setReplica(index: number, setup: TrainReplicaSetup | null): Promise<void> {
    await this.request({ kind: 'setReplica', index, setup });
    this.statuses[index] = setup ? (setup.steps > 0 ? 'running' : 'done') : null;
  }

  async run(maxSteps = 16): Promise<(ReplicaProgress | null)[]> {
    const progress = (await this.request({ kind: 'run', maxSteps })) as (ReplicaProgress | null)[];
    this.statuses = progress.map((p) => p?.status ?? null);
    return progress;
  }

  async evaluate(set: 'train' | 'test'): Promise<(EvalResult | null)[]> {
    return (await this.request({ kind: 'evaluate', set })) as (EvalResult | null)[];
  }

  async readParams(index: number): Promise<Float64Array> {
    return (await this.request({ kind: 'readParams', index })) as Float64Array;
  }

  destroy(): void {
    this.worker.terminate();
    const error = new Error('The CPU training worker was stopped');
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
