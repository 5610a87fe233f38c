// The messages between the page (cpuBackend.ts) and the float64 training worker (cpuWorker.ts).

import type { EvalResult, ReplicaProgress, TrainReplicaSetup } from '../../core/train/backend';
import type { Dataset, ModelSpec } from '../../core/train/types';

export type CpuRequest = { readonly id: number } & (
  | {
      readonly kind: 'init';
      readonly model: ModelSpec;
      readonly train: Dataset;
      readonly test: Dataset | null;
    }
  | { readonly kind: 'setReplicas'; readonly setups: readonly (TrainReplicaSetup | null)[] }
  | {
      readonly kind: 'setReplica';
      readonly index: number;
      readonly setup: TrainReplicaSetup | null;
    }
  | { readonly kind: 'run'; readonly maxSteps: number }
  | { readonly kind: 'evaluate'; readonly set: 'train' | 'test' }
  | { readonly kind: 'readParams'; readonly index: number }
);

export type CpuResult = null | (ReplicaProgress | null)[] | (EvalResult | null)[] | Float64Array;

export type CpuResponse =
  | { readonly id: number; readonly ok: true; readonly result: CpuResult }
  | { readonly id: number; readonly ok: false; readonly error: string };
