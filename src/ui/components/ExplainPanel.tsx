// "Explain this step": for the selected lane (else the first adaptive one) at the scrubbed step,
// the update worked out with the live float64 numbers (explainStep replays the run exactly):
// the worked example (WorkedExample.tsx), then every number of the step.

import { useMemo } from 'react';
import { useTranslation } from '../i18n';
import { ADAPTIVE_OPTIMIZERS } from '../../core/optimizers/worked';
import { WorkedExample } from './WorkedExample';
import { explainStep, type StepExplanation } from '../../core/simulate';
import { num } from '../../core/params';
import type { ResolvedRun } from '../../core/types';
import { getResults } from '../results';
import { optimizerDef, scheduleDef } from '../registry';
import { selectLane, useStore } from '../store';
import { fmt } from '../format';

type Pair = readonly [number, number];

const pair = (p: Pair | undefined) => (p ? `(${fmt(p[0], 6)}, ${fmt(p[1], 6)})` : '—');

/** Bias-corrected moments for the optimizers whose formulas use them. */
function derived(run: ResolvedRun, e: StepExplanation): [string, Pair][] {
  const out: [string, Pair][] = [];
  const id = run.optimizer.id;
  const p = run.optimizer.params;
  const t = e.stepCount;
  // Slot 0 is the first moment m (exp_avg), slot 1 the second v (exp_avg_sq) in this family.
  const [mName, vName] = e.stateNames;
  const m = mName === undefined ? undefined : e.stateAfter[mName];
  const v = vName === undefined ? undefined : e.stateAfter[vName];
  if (m && ['adam', 'adamw', 'adamax', 'radam'].includes(id) && typeof p['beta1'] === 'number') {
    const c = 1 - Math.pow(num(p, 'beta1'), t);
    out.push([`m̂ = ${mName} / (1 − β₁^${t})`, [m[0] / c, m[1] / c]]);
  }
  if (v && ['adam', 'adamw', 'radam'].includes(id) && typeof p['beta2'] === 'number') {
    const c = 1 - Math.pow(num(p, 'beta2'), t);
    // With amsgrad the update reads the running maximum instead of v.
    const maxName = p['amsgrad'] === true ? e.stateNames[2] : undefined;
    const vm = maxName === undefined ? undefined : e.stateAfter[maxName];
    if (vm) out.push([`v̂ = ${maxName} / (1 − β₂^${t})`, [vm[0] / c, vm[1] / c]]);
    else out.push([`v̂ = ${vName} / (1 − β₂^${t})`, [v[0] / c, v[1] / c]]);
  }
  return out;
}

/** A state slot this configuration never touches (momentum 0, amsgrad off...): all zeros. */
function unused(e: StepExplanation, name: string): boolean {
  const a = e.stateBefore[name];
  const b = e.stateAfter[name];
  return !!a && !!b && a[0] === 0 && a[1] === 0 && b[0] === 0 && b[1] === 0;
}

export function ExplainPanel() {
  const { t: tr } = useTranslation();
  const version = useStore((s) => s.view.resultsVersion);
  const lanes = useStore((s) => s.config.lanes);
  const selected = useStore((s) => s.config.selectedLane);
  const step = useStore((s) => s.config.step);
  const steps = useStore((s) => s.config.steps);
  // Opens on the first adaptive lane: that is where a worked example has the most to show.
  const lane =
    lanes.find((l) => l.id === selected) ??
    lanes.find((l) => l.visible && ADAPTIVE_OPTIMIZERS.has(l.optimizer.id)) ??
    lanes.find((l) => l.visible) ??
    lanes[0];
  const t = Math.min(step, steps - 1);

  const run = useMemo(() => {
    void version;
    return lane ? (getResults().lanes.find((r) => r.laneId === lane.id)?.resolved ?? null) : null;
  }, [version, lane]);
  const e = useMemo(() => (run ? explainStep(run, t) : null), [run, t]);
  if (!lane) return null;
  const opt = optimizerDef(lane.optimizer.id);
  const sch = lane.schedule ? scheduleDef(lane.schedule.id) : undefined;
  // A noisy lane explains its run with seed 0 (src/core/noise.ts).
  const gaussianNoise = (run?.noise?.sigma ?? 0) > 0;
  const miniBatch = (run?.noise?.batch ?? 0) > 0;

  return (
    <section className="panel explain" aria-label={tr('explain.region')}>
      <div className="panel-head">
        <h2>{tr('explain.title', { step: t + 1 })}</h2>
        <select
          value={lane.id}
          onChange={(ev) => selectLane(ev.target.value)}
          aria-label={tr('explain.laneToExplain')}
        >
          {lanes.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      <div className="explain-body">
        <div className="formula" aria-label={tr('explain.ruleOf', { name: opt?.label ?? '' })}>
          <p className="formula-title">
            {opt?.label}
            {sch ? ` · ${tr(`schedules.${sch.id}`, { defaultValue: sch.label })}` : ''}
            {lane.clip.maxNorm !== null
              ? ` · ${tr('explain.clipNorm', { v: fmt(lane.clip.maxNorm) })}`
              : ''}
            {lane.clip.maxValue !== null
              ? ` · ${tr('explain.clipValue', { v: fmt(lane.clip.maxValue) })}`
              : ''}
          </p>
          {opt?.formula.map((line, i) => (
            <code key={i}>{line}</code>
          ))}
        </div>
        {e && run && <WorkedExample run={run} e={e} />}
        {e && run ? (
          <table className="numbers">
            <caption className="visually-hidden">
              {tr('explain.numbersOf', { step: t + 1 })}
            </caption>
            <tbody>
              <tr>
                <th scope="row">{tr('explain.pytorchStep')}</th>
                <td>{e.stepCount}</td>
              </tr>
              <tr>
                <th scope="row">θ_(t−1)</th>
                <td>{pair(e.x)}</td>
              </tr>
              <tr>
                <th scope="row">{miniBatch ? tr('explain.batchLoss') : tr('explain.loss')}</th>
                <td>{fmt(e.loss, 6)}</td>
              </tr>
              <tr>
                <th scope="row">∇f(θ_(t−1))</th>
                <td>{pair(e.gradient)}</td>
              </tr>
              {(lane.clip.maxNorm !== null || lane.clip.maxValue !== null || gaussianNoise) && (
                <tr>
                  <th scope="row">
                    {gaussianNoise ? tr('explain.noisyGradient') : 'g'}
                    {lane.clip.maxNorm !== null || lane.clip.maxValue !== null
                      ? tr('explain.afterClipping')
                      : ''}
                  </th>
                  <td>{pair(e.clippedGradient)}</td>
                </tr>
              )}
              <tr>
                <th scope="row">lr_t (η)</th>
                <td>{fmt(e.lr, 6)}</td>
              </tr>
              {e.stateNames
                .filter((name) => !unused(e, name))
                .map((name) => (
                  <tr key={name}>
                    <th scope="row">{name}</th>
                    <td>
                      {pair(e.stateBefore[name])} → {pair(e.stateAfter[name])}
                    </td>
                  </tr>
                ))}
              {derived(run, e).map(([label, value]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{pair(value)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">{tr('explain.update')}</th>
                <td>{pair([e.next[0] - e.x[0], e.next[1] - e.x[1]])}</td>
              </tr>
              <tr>
                <th scope="row" title={tr('explain.effectiveTitle')}>
                  {tr('explain.effective')}
                </th>
                {/* The optimizer's own step size (the step-size chart's): −Δθ/g was 0/0 where g = 0. */}
                <td>{pair(e.effectiveStep)}</td>
              </tr>
              <tr>
                <th scope="row">θ_t</th>
                <td>{pair(e.next)}</td>
              </tr>
              <tr>
                <th scope="row">{tr('explain.nextLoss')}</th>
                <td>{fmt(e.nextLoss, 6)}</td>
              </tr>
            </tbody>
          </table>
        ) : (
          <p className="note">
            {run ? tr('explain.diverged', { step: t + 1 }) : tr('explain.didNotRun')}
          </p>
        )}
      </div>
    </section>
  );
}
