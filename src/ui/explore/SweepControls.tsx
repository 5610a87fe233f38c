// The hyperparameter map's settings: which lane, which parameters on which ranges, how many
// runs, and what the colour shows.

import type { LaneConfig } from '../../core/config';
import {
  MAX_SWEEP_CELLS,
  MIN_SWEEP_CELLS,
  type SweepAxisConfig,
  type SweepColor,
} from '../../core/explore/config';
import { defaultAxis } from '../../core/explore/sweep';
import type { NumberParam } from '../../core/params';
import { filled, optimizerDef, scheduleDef } from '../registry';
import { useStore } from '../store';
import { useTranslation } from '../i18n';
import { EXPLORE_NS, et } from './strings';
import { setSweep } from './actions';
import { sweptLane } from './sweepPlan';

/** A lane's number parameters an axis can sweep: its optimizer's, then its schedule's. */
function sweepableParams(
  lane: LaneConfig | undefined,
): { target: SweepAxisConfig['target']; param: NumberParam; value: number }[] {
  if (!lane) return [];
  const out: { target: SweepAxisConfig['target']; param: NumberParam; value: number }[] = [];
  const opt = optimizerDef(lane.optimizer.id);
  if (opt) {
    const values = filled(opt.params, lane.optimizer.params);
    for (const p of opt.params)
      if (p.kind === 'number')
        out.push({ target: 'optimizer', param: p, value: Number(values[p.key]) });
  }
  const sch = lane.schedule ? scheduleDef(lane.schedule.id) : undefined;
  if (sch && lane.schedule) {
    const values = filled(sch.params, lane.schedule.params);
    for (const p of sch.params)
      if (p.kind === 'number')
        out.push({ target: 'schedule', param: p, value: Number(values[p.key]) });
  }
  return out;
}

const choiceId = (a: { target: string; key: string }): string =>
  a.target === 'schedule' ? `s.${a.key}` : a.key;

function paramName(p: NumberParam): string {
  return p.symbol ? `${p.symbol} (${p.key})` : p.key;
}

function AxisControls({
  name,
  axis,
  lane,
  maxCells,
  onChange,
  allowNone,
}: {
  name: string;
  axis: SweepAxisConfig | null;
  lane: LaneConfig | undefined;
  maxCells: number;
  onChange: (axis: SweepAxisConfig | null) => void;
  allowNone: boolean;
}) {
  useTranslation(EXPLORE_NS); // re-renders on a language switch
  const params = sweepableParams(lane);
  const pick = (id: string): void => {
    if (id === 'none') return onChange(null);
    const found = params.find((p) => choiceId({ target: p.target, key: p.param.key }) === id);
    if (!found) return;
    const a = defaultAxis(found.param, found.value, found.target);
    onChange({ target: a.target, key: a.key, min: a.min, max: a.max, cells: axis?.cells ?? 64 });
  };
  const num = (field: 'min' | 'max' | 'cells', text: string): void => {
    const v = Number(text);
    if (!axis || text.trim() === '' || !Number.isFinite(v)) return;
    if (field === 'cells') {
      if (Number.isInteger(v))
        onChange({ ...axis, cells: Math.max(MIN_SWEEP_CELLS, Math.min(maxCells, v)) });
    } else onChange({ ...axis, [field]: v });
  };
  const known =
    axis && params.some((p) => choiceId({ target: p.target, key: p.param.key }) === choiceId(axis));
  return (
    <fieldset className="sweep-axis">
      <legend>{name}</legend>
      <select
        aria-label={et('parameter', { name })}
        value={axis ? choiceId(axis) : 'none'}
        onChange={(e) => pick(e.target.value)}
      >
        {allowNone && <option value="none">{et('noneOption')}</option>}
        {axis && !known && (
          <option value={choiceId(axis)}>{et('notInLane', { key: axis.key })}</option>
        )}
        {params.map((p) => (
          <option
            key={choiceId({ target: p.target, key: p.param.key })}
            value={choiceId({ target: p.target, key: p.param.key })}
          >
            {p.target === 'schedule' ? et('schedulePrefix') : ''}
            {paramName(p.param)}
          </option>
        ))}
      </select>
      {axis && (
        <>
          <label>
            {et('from')}{' '}
            <input
              aria-label={et('fieldOf', { name, field: et('from') })}
              type="number"
              defaultValue={axis.min}
              key={`min${axis.key}${axis.min}`}
              onBlur={(e) => num('min', e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && num('min', e.currentTarget.value)}
            />
          </label>
          <label>
            {et('to')}{' '}
            <input
              aria-label={et('fieldOf', { name, field: et('to') })}
              type="number"
              defaultValue={axis.max}
              key={`max${axis.key}${axis.max}`}
              onBlur={(e) => num('max', e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && num('max', e.currentTarget.value)}
            />
          </label>
          <label>
            {et('runs')}{' '}
            <input
              aria-label={et('fieldOf', { name, field: et('runs') })}
              type="number"
              min={MIN_SWEEP_CELLS}
              max={maxCells}
              step={1}
              defaultValue={axis.cells}
              key={`cells${axis.key}${axis.cells}`}
              onBlur={(e) => num('cells', e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && num('cells', e.currentTarget.value)}
            />
          </label>
        </>
      )}
    </fieldset>
  );
}

const COLOR_CHOICES: { value: SweepColor; text: () => string }[] = [
  { value: 'loss', text: () => et('colourLoss') },
  { value: 'steps', text: () => et('colourSteps') },
  { value: 'distance', text: () => et('colourDistance') },
];

export function SweepControls() {
  useTranslation(EXPLORE_NS); // re-renders on a language switch
  const config = useStore((s) => s.config);
  const s = config.explore.sweep;
  const lane = sweptLane(config);
  return (
    <div className="sweep-controls">
      <label>
        {et('lane')}{' '}
        <select
          aria-label={et('sweptLane')}
          value={lane?.id ?? ''}
          disabled={!s.y}
          onChange={(e) => setSweep({ lane: e.target.value })}
        >
          {config.lanes.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      <AxisControls
        name={et('xAxis')}
        axis={s.x}
        lane={lane}
        maxCells={MAX_SWEEP_CELLS}
        allowNone={false}
        onChange={(x) => x && setSweep({ x })}
      />
      <AxisControls
        name={et('yAxis')}
        axis={s.y}
        lane={lane}
        maxCells={MAX_SWEEP_CELLS}
        allowNone
        onChange={(y) => setSweep({ y })}
      />
      <label>
        {et('colourBy')}{' '}
        <select
          aria-label={et('colourBy')}
          value={s.color}
          onChange={(e) => setSweep({ color: e.target.value as SweepColor })}
        >
          {COLOR_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.text()}
            </option>
          ))}
        </select>
      </label>
      <label>
        {et('threshold')}{' '}
        <input
          aria-label={et('threshold')}
          type="number"
          defaultValue={s.threshold}
          key={`t${s.threshold}`}
          onBlur={(e) => {
            const v = Number(e.target.value);
            if (e.target.value.trim() !== '' && Number.isFinite(v)) setSweep({ threshold: v });
          }}
        />
      </label>
    </div>
  );
}
