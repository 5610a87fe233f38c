// The lanes being compared: each an optimizer with its hyperparameters, schedule, clipping,
// swarm, colour, name and visibility; add, duplicate, remove and reorder with buttons.

import { lazy, Suspense, useState } from 'react';
import { i18n, useTranslation } from '../i18n';
import type { LaneConfig, ParamRecord } from '../../core/config';
import { MAX_LANES } from '../../core/config';
import type { ParamSchema, ParamValue } from '../../core/params';
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
import { laneStop } from '../../core/runaway';
import { ParamControl } from './ParamControl';
import { fmt } from '../format';
import { formatParamValue } from '../sliderStops';
import { ClipControls, LrSpark, NoiseControls, SwarmControls } from './LaneControls';

// The Train view's lane extras load with that view, not in the page's first load.
const trainExtras = () => import('../train/components/TrainLaneExtras');
const TrainLaneStatus = lazy(() => trainExtras().then((m) => ({ default: m.TrainLaneStatus })));
const TrainSeedControls = lazy(() => trainExtras().then((m) => ({ default: m.TrainSeedControls })));
const TrainScriptButtons = lazy(() =>
  trainExtras().then((m) => ({ default: m.TrainScriptButtons })),
);

/** "Copy as" scripts of a 2-D lane (core/export.ts, core/exportScripts.ts). */
const FRAMEWORKS = ['PyTorch', 'Keras', 'optax'] as const;
type Framework = (typeof FRAMEWORKS)[number];

export function LanesPanel() {
  const { t } = useTranslation();
  const lanes = useStore((s) => s.config.lanes);
  const selected = useStore((s) => s.config.selectedLane);
  useStore((s) => s.view.resultsVersion); // re-render for divergence marks and lr charts
  const selectedId = selected ?? lanes.find((l) => l.visible)?.id ?? null;
  return (
    <section className="panel lanes" aria-label={t('lanes.title')}>
      <div className="panel-head">
        <h2>{t('lanes.title')}</h2>
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
          `[data-lane-id="${CSS.escape(neighbour.id)}"] button[data-action="remove"]`,
        )
      : document.querySelector<HTMLElement>('.add-lane button');
    target?.focus();
  });
}

function AddLane({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation();
  const [opt, setOpt] = useState('adam');
  return (
    <div className="add-lane">
      <select
        value={opt}
        onChange={(e) => setOpt(e.target.value)}
        aria-label={t('lanes.newLaneOptimizer')}
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
        title={disabled ? t('lanes.atMost', { n: MAX_LANES }) : t('lanes.addLaneTitle')}
      >
        {t('lanes.addLane')}
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
  const { t } = useTranslation();
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
  const view = useStore((s) => surfaceDef(s.config.surface).view);
  const stop = result?.run ? laneStop(result.run, view) : null;
  const [script, setScript] = useState<{ framework: Framework; text: string } | null>(null);
  const pytorch = script?.text ?? null;
  const n = lane.name;

  const copyScript = async (framework: Framework) => {
    const run = result?.resolved;
    if (!run || !opt) return;
    const lrs = result?.run?.lr ?? [];
    let text: string;
    try {
      // The script writers load on first use: not part of the first load.
      const [{ toPyTorch }, { toKeras, toOptax }] = await Promise.all([
        import('../../core/export'),
        import('../../core/exportScripts'),
      ]);
      text =
        framework === 'PyTorch'
          ? toPyTorch(run, opt, sch ?? null, lane.name)
          : (framework === 'Keras' ? toKeras : toOptax)(run, opt, lrs, lane.name);
    } catch (e) {
      pushMessage(
        'error',
        i18n.t('messages.cannotWrite', {
          name: lane.name,
          framework,
          text: (e as Error).message,
        }),
      );
      return;
    }
    setScript({ framework, text });
    navigator.clipboard?.writeText(text).then(
      () => pushMessage('info', i18n.t('lanes.copiedScript', { name: lane.name, framework })),
      () => undefined, // the text is shown below to copy by hand
    );
  };

  return (
    <article
      className={`lane${selected ? ' selected' : ''}${lane.visible ? '' : ' hidden-lane'}`}
      data-lane-id={lane.id}
      style={{ borderLeftColor: lane.color }}
      aria-label={t('lanes.lane', { name: lane.name })}
    >
      <div className="lane-head">
        <input
          type="color"
          value={lane.color}
          onChange={(e) => updateLane(lane.id, { color: e.target.value })}
          aria-label={t('lanes.colour', { name: n })}
        />
        <input
          className="lane-name"
          type="text"
          value={lane.name}
          maxLength={40}
          onChange={(e) => updateLane(lane.id, { name: e.target.value })}
          aria-label={t('lanes.laneName', { n: index + 1 })}
        />
        <label className="toggle" title={t('lanes.showHide')}>
          <input
            type="checkbox"
            checked={lane.visible}
            onChange={(e) => updateLane(lane.id, { visible: e.target.checked })}
            aria-label={t('lanes.showLane', { name: n })}
          />
          {t('lanes.show')}
        </label>
      </div>
      <div className="lane-buttons">
        <button
          type="button"
          aria-pressed={selected}
          onClick={() => selectLane(lane.id)}
          aria-label={
            train ? t('lanes.showTrainLane', { name: n }) : t('lanes.explainLane', { name: n })
          }
        >
          {train ? t('lanes.showTrain') : t('lanes.explain')}
        </button>
        <button
          type="button"
          disabled={index === 0}
          onClick={() => moveLane(lane.id, -1)}
          aria-label={t('lanes.moveUp', { name: n })}
        >
          ↑
        </button>
        <button
          type="button"
          disabled={index === count - 1}
          onClick={() => moveLane(lane.id, 1)}
          aria-label={t('lanes.moveDown', { name: n })}
        >
          ↓
        </button>
        <button
          type="button"
          disabled={count >= MAX_LANES}
          onClick={() => duplicateLane(lane.id)}
          aria-label={t('lanes.duplicateLane', { name: n })}
        >
          {t('lanes.duplicate')}
        </button>
        <button
          type="button"
          onClick={() => removeKeepingFocus(lane.id)}
          aria-label={t('lanes.removeLane', { name: n })}
          data-action="remove"
        >
          {t('lanes.remove')}
        </button>
        {!train &&
          FRAMEWORKS.map((f) => (
            <button
              key={f}
              type="button"
              onClick={() => void copyScript(f)}
              aria-label={t('lanes.copyScript', { name: n, framework: f })}
              disabled={!result?.resolved}
            >
              {f}
            </button>
          ))}
      </div>
      {train && (
        <Suspense fallback={null}>
          <TrainLaneStatus lane={lane} />
        </Suspense>
      )}
      {!train && stop && (
        <p className="diverged" role="status" data-stop={stop.kind}>
          {t(stop.kind === 'diverged' ? 'lanes.diverged' : 'lanes.ranAway', { step: stop.step })}
        </p>
      )}
      <label className="param">
        <span className="param-label">{t('lanes.optimizer')}</span>
        <select
          value={lane.optimizer.id}
          onChange={(e) => setLaneOptimizer(lane.id, e.target.value)}
          aria-label={t('lanes.optimizerOf', { name: n })}
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
          {t('lanes.scheduleSummary', {
            name: sch ? t(`schedules.${sch.id}`, { defaultValue: sch.label }) : t('lanes.none'),
          })}
          {lane.clip.maxNorm !== null || lane.clip.maxValue !== null
            ? t('lanes.clipped')
            : t('lanes.noClip')}
          {train
            ? `${t('lanes.seeds', { count: lane.seeds ?? 1 })}${lane.seed !== undefined ? t('lanes.ownSeed') : ''}`
            : lane.noise
              ? t('lanes.noiseRuns', { runs: lane.noise.runs })
              : lane.swarm
                ? t('lanes.swarmCount', { count: lane.swarm.count })
                : t('lanes.swarmOff')}
        </summary>
        <label className="param">
          <span className="param-label">{t('lanes.lrSchedule')}</span>
          <select
            value={lane.schedule?.id ?? ''}
            onChange={(e) => {
              const id = e.target.value || null;
              const lr = typeof optValues['lr'] === 'number' ? optValues['lr'] : 0.01;
              setLaneSchedule(lane.id, id, id ? scheduleStart(id, steps, lr) : {});
            }}
            aria-label={t('lanes.scheduleOf', { name: n })}
          >
            <option value="">{t('lanes.constant')}</option>
            {SCHEDULES.map((s) => (
              <option key={s.id} value={s.id}>
                {t(`schedules.${s.id}`, { defaultValue: s.label })}
              </option>
            ))}
          </select>
        </label>
        {sch?.params.map((p) => (
          <ParamControl
            key={p.key}
            param={p}
            value={schValues[p.key] ?? p.default}
            context={t('lanes.scheduleContext', { name: n })}
            onChange={(v: ParamValue) => setLaneScheduleParam(lane.id, p.key, v)}
          />
        ))}
        {!train && <LrSpark lr={result?.run?.lr ?? null} color={lane.color} name={n} />}
        <ClipControls lane={lane} />
        {train ? (
          <Suspense fallback={null}>
            <TrainSeedControls lane={lane} />
          </Suspense>
        ) : (
          <>
            <SwarmControls lane={lane} onCpu={onCpu} />
            <NoiseControls lane={lane} dataSurface={dataSurface} onCpu={onCpu} />
          </>
        )}
      </details>
      {train && (
        <Suspense fallback={null}>
          <TrainScriptButtons lane={lane} />
        </Suspense>
      )}
      {pytorch !== null && (
        <div className="pytorch">
          <textarea
            readOnly
            value={pytorch}
            rows={10}
            aria-label={t('lanes.scriptCode', { name: n, framework: script?.framework ?? '' })}
          />
          <button
            type="button"
            onClick={() => setScript(null)}
            aria-label={t('lanes.closeScript', { framework: script?.framework ?? '' })}
          >
            {t('lanes.close')}
          </button>
        </div>
      )}
    </article>
  );
}

function showValue(param: ParamSchema, v: ParamValue): string {
  if (typeof v === 'number') return param.kind === 'number' ? formatParamValue(param, v) : fmt(v);
  if (typeof v === 'boolean') return i18n.t(v ? 'lanes.on' : 'lanes.off');
  if (typeof v === 'string') return v;
  return `[${v.join(', ')}]`;
}
