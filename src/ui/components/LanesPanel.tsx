// The lanes being compared: each an optimizer with its hyperparameters, schedule, clipping,
// swarm, colour, name and visibility; add, duplicate, remove and reorder with buttons.

import { useState } from 'react';
import type { LaneConfig, ParamRecord } from '../../core/config';
import { MAX_LANES } from '../../core/config';
import type { ParamSchema, ParamValue } from '../../core/params';
import { toPyTorch } from '../../core/export';
import { toKeras, toOptax } from '../../core/exportScripts';
import { filled, OPTIMIZERS, optimizerDef, SCHEDULES, scheduleDef, surfaceDef } from '../registry';
import {
  addLane,
  duplicateLane,
  moveLane,
  removeLane,
  selectLane,
  setHoveredLane,
  setLaneOptimizer,
  setLaneParam,
  setLaneSchedule,
  setLaneScheduleParam,
  updateLane,
  useStore,
  pushMessage,
} from '../store';
import { laneResult } from '../results';
import { ParamControl } from './ParamControl';
import { fmt } from '../format';
import { formatParamValue } from '../sliderStops';
import { ClipControls, LrSpark, NoiseControls, SwarmControls } from './LaneControls';
import {
  TrainLaneStatus,
  TrainScriptButtons,
  TrainSeedControls,
} from '../train/components/TrainLaneExtras';

/** "Copy as" scripts of a 2-D lane (core/export.ts, core/exportScripts.ts). */
const FRAMEWORKS = ['PyTorch', 'Keras', 'optax'] as const;
type Framework = (typeof FRAMEWORKS)[number];

export function LanesPanel() {
  const lanes = useStore((s) => s.config.lanes);
  const selected = useStore((s) => s.config.selectedLane);
  useStore((s) => s.view.resultsVersion); // re-render for divergence marks and lr charts
  const selectedId = selected ?? lanes.find((l) => l.visible)?.id ?? null;
  return (
    <section className="panel lanes" aria-label="Lanes">
      <div className="panel-head">
        <h2>Lanes</h2>
        <AddLane disabled={lanes.length >= MAX_LANES} />
      </div>
      <ol className="lane-list">
        {lanes.map((lane, i) => (
          <li
            key={lane.id}
            data-lane-id={lane.id}
            onPointerEnter={() => setHoveredLane(lane.id)}
            onPointerLeave={() => setHoveredLane(null)}
            onFocus={() => setHoveredLane(lane.id)}
            onBlur={() => setHoveredLane(null)}
          >
            <LaneCard
              lane={lane}
              index={i}
              count={lanes.length}
              selected={lane.id === selectedId}
            />
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * Removes a lane and keeps the keyboard where it was: on the next lane's Remove button (the
 * previous one for the last lane), or on "Add lane" when none is left, never the page's top.
 */
function removeKeepingFocus(id: string): void {
  const lanes = useStore.getState().config.lanes;
  const at = lanes.findIndex((l) => l.id === id);
  const neighbour = lanes[at + 1] ?? lanes[at - 1];
  removeLane(id);
  requestAnimationFrame(() => {
    const target = neighbour
      ? document.querySelector<HTMLElement>(
          `[data-lane-id="${CSS.escape(neighbour.id)}"] button[aria-label^="Remove"]`,
        )
      : document.querySelector<HTMLElement>('.add-lane button');
    target?.focus();
  });
}

function AddLane({ disabled }: { disabled: boolean }) {
  const [opt, setOpt] = useState('adam');
  return (
    <div className="add-lane">
      <select
        value={opt}
        onChange={(e) => setOpt(e.target.value)}
        aria-label="Optimizer of the new lane"
      >
        {OPTIMIZERS.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={disabled}
        onClick={() => addLane(opt, optimizerDef(opt)?.label ?? opt)}
        title={disabled ? `At most ${MAX_LANES} lanes` : 'Add a lane'}
      >
        + Add lane
      </button>
    </div>
  );
}

/** Starting values for a schedule's required parameters, scaled to the run. */
function scheduleStart(id: string, steps: number, lr: number): ParamRecord {
  const q = Math.max(1, Math.round(steps / 4));
  switch (id) {
    case 'step_lr':
      return { step_size: q };
    case 'multi_step_lr':
      return { milestones: [2 * q, 3 * q] };
    case 'exponential_lr':
      return { gamma: Number(Math.pow(0.01, 1 / Math.max(1, steps)).toPrecision(6)) };
    case 'cosine_annealing_lr':
      return { T_max: steps };
    case 'cosine_annealing_warm_restarts':
      return { T_0: q };
    case 'linear_lr':
    case 'polynomial_lr':
      return { total_iters: Math.max(1, Math.round(steps / 2)) };
    case 'one_cycle_lr':
      return { max_lr: lr, total_steps: steps };
    default:
      return {};
  }
}

function LaneCard({
  lane,
  index,
  count,
  selected,
}: {
  lane: LaneConfig;
  index: number;
  count: number;
  selected: boolean;
}) {
  const train = useStore((s) => s.config.mode === 'train');
  // A schedule steps per optimizer step on the map, per epoch in the Train view.
  const steps = useStore((s) => (train ? s.config.train.epochs : s.config.steps));
  const onCpu = useStore((s) => s.view.gpu.kind === 'cpu-fallback');
  const dataSurface = useStore((s) => surfaceDef(s.config.surface).data !== undefined);
  const opt = optimizerDef(lane.optimizer.id);
  const sch = lane.schedule ? scheduleDef(lane.schedule.id) : undefined;
  const optValues = opt ? filled(opt.params, lane.optimizer.params) : {};
  const schValues = sch && lane.schedule ? filled(sch.params, lane.schedule.params) : {};
  const result = laneResult(lane.id);
  const diverged = result?.run?.divergedAt ?? null;
  const [script, setScript] = useState<{ framework: Framework; text: string } | null>(null);
  const pytorch = script?.text ?? null;
  const n = lane.name;

  const copyScript = (framework: Framework) => {
    const run = result?.resolved;
    if (!run || !opt) return;
    const lrs = result?.run?.lr ?? [];
    let text: string;
    try {
      text =
        framework === 'PyTorch'
          ? toPyTorch(run, opt, sch ?? null, lane.name)
          : (framework === 'Keras' ? toKeras : toOptax)(run, opt, lrs, lane.name);
    } catch (e) {
      pushMessage('error', `Cannot write ${lane.name} as ${framework}: ${(e as Error).message}`);
      return;
    }
    setScript({ framework, text });
    navigator.clipboard?.writeText(text).then(
      () => pushMessage('info', `Copied ${lane.name} as ${framework}.`),
      () => undefined, // the text is shown below to copy by hand
    );
  };

  return (
    <article
      className={`lane${selected ? ' selected' : ''}${lane.visible ? '' : ' hidden-lane'}`}
      data-lane-id={lane.id}
      style={{ borderLeftColor: lane.color }}
      aria-label={`Lane ${lane.name}`}
    >
      <div className="lane-head">
        <input
          type="color"
          value={lane.color}
          onChange={(e) => updateLane(lane.id, { color: e.target.value })}
          aria-label={`${n} colour`}
        />
        <input
          className="lane-name"
          type="text"
          value={lane.name}
          maxLength={40}
          onChange={(e) => updateLane(lane.id, { name: e.target.value })}
          aria-label={`Lane ${index + 1} name`}
        />
        <label className="toggle" title="Show or hide this lane">
          <input
            type="checkbox"
            checked={lane.visible}
            onChange={(e) => updateLane(lane.id, { visible: e.target.checked })}
            aria-label={`Show ${n}`}
          />
          show
        </label>
      </div>
      <div className="lane-buttons">
        <button
          type="button"
          aria-pressed={selected}
          onClick={() => selectLane(lane.id)}
          aria-label={train ? `Show ${n}'s confusion matrix and weights` : `Explain ${n}`}
        >
          {train ? 'Show' : 'Explain'}
        </button>
        <button
          type="button"
          disabled={index === 0}
          onClick={() => moveLane(lane.id, -1)}
          aria-label={`Move ${n} up`}
        >
          ↑
        </button>
        <button
          type="button"
          disabled={index === count - 1}
          onClick={() => moveLane(lane.id, 1)}
          aria-label={`Move ${n} down`}
        >
          ↓
        </button>
        <button
          type="button"
          disabled={count >= MAX_LANES}
          onClick={() => duplicateLane(lane.id)}
          aria-label={`Duplicate ${n}`}
        >
          Duplicate
        </button>
        <button
          type="button"
          onClick={() => removeKeepingFocus(lane.id)}
          aria-label={`Remove ${n}`}
        >
          Remove
        </button>
        {!train &&
          FRAMEWORKS.map((f) => (
            <button
              key={f}
              type="button"
              onClick={() => copyScript(f)}
              aria-label={`Copy ${n} as ${f}`}
              disabled={!result?.resolved}
            >
              {f}
            </button>
          ))}
      </div>
      {train && <TrainLaneStatus lane={lane} />}
      {!train && diverged !== null && (
        <p className="diverged" role="status">
          diverged at step {diverged}
        </p>
      )}
      <label className="param">
        <span className="param-label">optimizer</span>
        <select
          value={lane.optimizer.id}
          onChange={(e) => setLaneOptimizer(lane.id, e.target.value)}
          aria-label={`${n} optimizer`}
        >
          {OPTIMIZERS.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      {opt?.params
        .filter((p) => p.key === 'lr')
        .map((p) => (
          <ParamControl
            key={p.key}
            param={p}
            value={optValues[p.key] ?? p.default}
            context={n}
            onChange={(v: ParamValue) => setLaneParam(lane.id, p.key, v)}
          />
        ))}
      {opt && opt.params.length > 1 && (
        <details className="sub">
          <summary>
            {opt.params
              .filter((p) => p.key !== 'lr')
              .map((p) => `${p.symbol ?? p.key} ${showValue(p, optValues[p.key] ?? p.default)}`)
              .join(' · ')}
          </summary>
          {opt.params
            .filter((p) => p.key !== 'lr')
            .map((p) => (
              <ParamControl
                key={p.key}
                param={p}
                value={optValues[p.key] ?? p.default}
                context={n}
                onChange={(v: ParamValue) => setLaneParam(lane.id, p.key, v)}
              />
            ))}
        </details>
      )}
      <details className="sub">
        <summary>
          {/* Says what is inside, so clipping and swarms are found without opening it. */}
          schedule: {sch ? sch.label : 'none'}
          {lane.clip.maxNorm !== null || lane.clip.maxValue !== null ? ' · clipped' : ' · no clip'}
          {train
            ? ` · ${lane.seeds ?? 1} seed${(lane.seeds ?? 1) > 1 ? 's' : ''}${lane.seed !== undefined ? ' (own)' : ''}`
            : lane.noise
              ? ` · noise, ${lane.noise.runs} runs`
              : lane.swarm
                ? ` · swarm ${lane.swarm.count}`
                : ' · swarm off'}
        </summary>
        <label className="param">
          <span className="param-label">lr schedule</span>
          <select
            value={lane.schedule?.id ?? ''}
            onChange={(e) => {
              const id = e.target.value || null;
              const lr = typeof optValues['lr'] === 'number' ? optValues['lr'] : 0.01;
              setLaneSchedule(lane.id, id, id ? scheduleStart(id, steps, lr) : {});
            }}
            aria-label={`${n} learning-rate schedule`}
          >
            <option value="">none (constant)</option>
            {SCHEDULES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        {sch?.params.map((p) => (
          <ParamControl
            key={p.key}
            param={p}
            value={schValues[p.key] ?? p.default}
            context={`${n} schedule`}
            onChange={(v: ParamValue) => setLaneScheduleParam(lane.id, p.key, v)}
          />
        ))}
        {!train && <LrSpark lr={result?.run?.lr ?? null} color={lane.color} name={n} />}
        <ClipControls lane={lane} />
        {train ? (
          <TrainSeedControls lane={lane} />
        ) : (
          <>
            <SwarmControls lane={lane} onCpu={onCpu} />
            <NoiseControls lane={lane} dataSurface={dataSurface} onCpu={onCpu} />
          </>
        )}
      </details>
      {train && <TrainScriptButtons lane={lane} />}
      {pytorch !== null && (
        <div className="pytorch">
          <textarea
            readOnly
            value={pytorch}
            rows={10}
            aria-label={`${n} as ${script?.framework ?? ''} code`}
          />
          <button
            type="button"
            onClick={() => setScript(null)}
            aria-label={`Close the ${script?.framework ?? ''} code`}
          >
            Close
          </button>
        </div>
      )}
    </article>
  );
}

function showValue(param: ParamSchema, v: ParamValue): string {
  if (typeof v === 'number') return param.kind === 'number' ? formatParamValue(param, v) : fmt(v);
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (typeof v === 'string') return v;
  return `[${v.join(', ')}]`;
}
