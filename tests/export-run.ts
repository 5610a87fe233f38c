// A ResolvedRun for the export tests: a registry surface (with its data set for the fit
// surfaces, seed 7) from (−1.5, 2), an optimizer with its defaults overridden by `params`,
// no schedule, no clipping, 20 steps unless `extra` says otherwise.
import { optimizerById } from '../src/core/optimizers';
import { defaultValues, type ParamValue } from '../src/core/params';
import { generateData } from '../src/core/surfaceData';
import { surfaceById } from '../src/core/surfaces';
import type { ResolvedRun } from '../src/core/types';

export function makeRun(
  id: string,
  optimizer: string,
  params: Record<string, ParamValue>,
  extra: Partial<ResolvedRun> = {},
  surface = 'rosenbrock',
): ResolvedRun {
  const s = surfaceById(surface)!;
  const data = s.data ? generateData(s.data, 7) : undefined;
  return {
    id,
    surface: { id: s.id, params: defaultValues(s.params), ...(data ? { data } : {}) },
    start: [-1.5, 2],
    optimizer: {
      id: optimizer,
      params: { ...defaultValues(optimizerById(optimizer)!.params), ...params },
    },
    schedule: null,
    clip: { maxNorm: null, maxValue: null },
    steps: 20,
    ...extra,
  };
}
