// The line under an explore view: how many runs of how many steps, on which engine, how long,
// and whether a newer config is being computed.

import { useTranslation } from '../i18n';
import { EXPLORE_NS, et } from './strings';

interface Props {
  readonly runs: number;
  readonly steps: number;
  readonly engine: 'gpu' | 'cpu';
  readonly seconds: number;
  /** The results shown are of an older config. */
  readonly stale: boolean;
}

export function ExploreMeta({ runs, steps, engine, seconds, stale }: Props) {
  useTranslation(EXPLORE_NS); // re-renders on a language switch
  return (
    <p className="explore-meta">
      {et('meta', {
        runs: runs.toLocaleString('en'),
        steps,
        engine: engine === 'gpu' ? et('metaGpu') : et('metaCpu'),
        seconds: seconds.toFixed(2),
      })}
      {stale ? et('updating') : ''}
    </p>
  );
}
