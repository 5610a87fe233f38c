// The kinds of batch the page computes, one entry each: the map's main runs, the grid of
// every surface, a hyperparameter sweep, a basin map... A view module registers the kind it
// needs (e.g. src/ui/map/gridKind.ts); the scheduler (scheduler.ts) runs every kind whose view
// is showing, on the one engine of the device, and never knows one kind from another.

import type { Config } from '../../core/config';
import type { ResolvedRun } from '../../core/types';
import type { Batch } from '../../gpu/engine';

/** The runs a kind hands the engine for one config. */
export interface GpuJob {
  readonly runs: readonly ResolvedRun[];
  /** Record every n-th step: the map draws every record, read-back kinds need only the last. */
  readonly recordEvery: number;
}

/**
 * One slice of CPU work (the float64 fallback): works for about a frame and returns the
 * fraction done; at 1 the kind has published its results.
 */
export type CpuSlice = () => number;

export interface BatchKind<Job extends GpuJob = GpuJob> {
  readonly id: string;
  /** Lower runs first when several kinds change in one frame (the map's main runs: 0). */
  readonly priority: number;
  /** Beside the progress bar: "Hyperparameter map", "Basin map". */
  readonly label: string;
  /**
   * 'draw': renderers draw the published batch's record buffers, which stay alive until the
   * kind's next batch is published (double buffering). 'read': publish() reads back what it
   * needs; the batch's buffers are reused by the next job.
   */
  readonly output: 'draw' | 'read';
  /** Whether the config needs this kind's runs (most kinds: only while their view shows). */
  active(config: Config): boolean;
  /** The config fields that change this kind's runs: the same key is not run again. */
  key(config: Config): string;
  /**
   * Runs synchronously in the frame the key changed, with or without a GPU (the map's float64
   * main runs, which the charts and Explain read at once).
   */
  sync?(config: Config, onGpu: boolean): void;
  /** The GPU runs for the config (null: nothing to run on the GPU). */
  plan(config: Config): Job | null;
  /** Publishes a batch made from `job`: finished for 'read' kinds, submitted for 'draw' kinds. */
  publish(job: Job, batch: Batch, config: Config): Promise<void> | void;
  /** How long the GPU took for the kind's last batch (the status line's timing). */
  gpuTime?(ms: number): void;
  /** The device is gone: forget every published GPU buffer. */
  dropGpu(): void;
  /** Without WebGPU: the float64 path at reduced size, in slices (null: nothing to do). */
  cpu?(config: Config): CpuSlice | null;
}

const kinds: BatchKind[] = [];
const registeredListeners = new Set<() => void>();

/**
 * Calls `listener` after each registration (the scheduler, to run a kind whose view module
 * has just loaded); returns a disposer.
 */
export function onBatchKindRegistered(listener: () => void): () => void {
  registeredListeners.add(listener);
  return () => registeredListeners.delete(listener);
}

/** A kind module calls this once, at import (with its view's code, loaded on first use). */
export function registerBatchKind<Job extends GpuJob>(kind: BatchKind<Job>): void {
  const at = kinds.findIndex((k) => k.id === kind.id);
  // A kind is generic in its job; the scheduler only passes a kind's own jobs back to it.
  const entry = kind as unknown as BatchKind;
  if (at >= 0) kinds[at] = entry;
  else kinds.push(entry);
  kinds.sort((a, b) => a.priority - b.priority);
  for (const listener of registeredListeners) listener();
}

export function batchKinds(): readonly BatchKind[] {
  return kinds;
}

export function batchKind(id: string): BatchKind | undefined {
  return kinds.find((k) => k.id === id);
}
