// The line under an explore view: how many runs of how many steps, on which engine, how long,
// and whether a newer config is being computed.

interface Props {
  readonly runs: number;
  readonly steps: number;
  readonly engine: 'gpu' | 'cpu';
  readonly seconds: number;
  /** The results shown are of an older config. */
  readonly stale: boolean;
}

export function ExploreMeta({ runs, steps, engine, seconds, stale }: Props) {
  return (
    <p className="explore-meta">
      {runs.toLocaleString('en')} runs × {steps} steps on the{' '}
      {engine === 'gpu' ? 'GPU (float32)' : 'CPU (float64, coarser grid: no WebGPU)'} in{' '}
      {seconds.toFixed(2)} s{stale ? ' · updating…' : ''}
    </p>
  );
}
