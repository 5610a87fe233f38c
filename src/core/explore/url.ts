// The explore settings in a link, written only in their own mode:
//   mode=sweep&sx=lr,0.0001,1,64&sy=beta1,0,0.999,64&sl=0&sc=loss&st=0.001
//   mode=sweep&sx=s.gamma,0.5,0.99,32&sy=none           (a schedule parameter; a 1-D sweep)
//   mode=basins&bc=128
// Every field is checked here for form and range; whether the lane has the parameter is the
// view's question (the lane's optimizer can change after the link was opened).

import {
  MAX_BASIN_CELLS,
  MAX_SWEEP_CELLS,
  MIN_BASIN_CELLS,
  MIN_SWEEP_CELLS,
  type ExploreConfig,
  type SweepAxisConfig,
  type SweepColor,
} from './config';
import { truncate } from '../errors';
import { message, type Message } from '../messages';
import { choiceText, integerText, readText } from '../linkSchema';

export const EXPLORE_URL_KEYS = ['sx', 'sy', 'sl', 'sc', 'st', 'bc'] as const;

const SWEEP_COLORS: readonly SweepColor[] = ['loss', 'steps', 'distance'];
const PARAM_KEY = /^[a-z][a-z0-9_]{0,31}$/;
/** Axis bounds a link may ask for (the view clamps to the parameter's own bounds). */
const MAX_AXIS_ABS = 1e9;

function axisText(a: SweepAxisConfig): string {
  const key = a.target === 'schedule' ? `s.${a.key}` : a.key;
  return [key, String(a.min), String(a.max), String(a.cells)].join(',');
}

/** Writes the current mode's explore fields into `q`. */
export function encodeExplore(
  mode: string,
  explore: ExploreConfig,
  laneIndex: number,
  q: URLSearchParams,
): void {
  if (mode === 'sweep') {
    const s = explore.sweep;
    q.set('sx', axisText(s.x));
    q.set('sy', s.y ? axisText(s.y) : 'none');
    if (laneIndex >= 0) q.set('sl', String(laneIndex));
    q.set('sc', s.color);
    q.set('st', String(s.threshold));
  } else if (mode === 'basins') q.set('bc', String(explore.basins.cells));
}

function readAxis(
  field: string,
  text: string,
  maxCells: number,
  problems: Message[],
): SweepAxisConfig | null {
  const parts = text.split(',');
  const fail = (problem: Message): null => {
    problems.push(message('explore.axis', { field, problem, text: truncate(text) }));
    return null;
  };
  if (parts.length !== 4) return fail(message('explore.axisForm'));
  const [rawKey = '', minText = '', maxText = '', cellsText = ''] = parts;
  const target = rawKey.startsWith('s.') ? 'schedule' : 'optimizer';
  const key = target === 'schedule' ? rawKey.slice(2) : rawKey;
  if (!PARAM_KEY.test(key)) return fail(message('explore.axisKey'));
  const num = (t: string): number => (t.trim() === '' ? NaN : Number(t));
  const min = num(minText);
  const max = num(maxText);
  const cells = num(cellsText);
  if (![min, max].every((v) => Number.isFinite(v) && Math.abs(v) <= MAX_AXIS_ABS))
    return fail(message('explore.axisBounds', { max: MAX_AXIS_ABS }));
  if (!(min < max)) return fail(message('explore.axisOrder'));
  if (!Number.isInteger(cells) || cells < MIN_SWEEP_CELLS || cells > maxCells)
    return fail(message('explore.axisCells', { min: MIN_SWEEP_CELLS, max: maxCells }));
  return { target, key, min, max, cells };
}

/**
 * Reads the explore fields. `laneIds` are the decoded lanes' ids (sl indexes them). Returns
 * `base` where the link has nothing, with a message per unusable field.
 */
export function decodeExplore(
  get: (key: string) => string | null,
  base: ExploreConfig,
  laneIds: readonly string[],
  problems: Message[],
): ExploreConfig {
  let sweep = base.sweep;
  const xText = get('sx');
  if (xText !== null) {
    const x = readAxis('sx', xText, MAX_SWEEP_CELLS, problems);
    if (x) sweep = { ...sweep, x };
  }
  const yText = get('sy');
  if (yText === 'none') sweep = { ...sweep, y: null };
  else if (yText !== null) {
    const y = readAxis('sy', yText, MAX_SWEEP_CELLS, problems);
    if (y) sweep = { ...sweep, y };
  }
  const laneText = get('sl');
  if (laneText !== null) {
    const i = laneText.trim() === '' ? NaN : Number(laneText);
    const id = Number.isInteger(i) ? laneIds[i] : undefined;
    if (id !== undefined) sweep = { ...sweep, lane: id };
    else problems.push(message('explore.sl', { text: truncate(laneText) }));
  }
  const colorSchema = choiceText(SWEEP_COLORS, (t) =>
    message('explore.sc', {
      options: SWEEP_COLORS.join(', '),
      text: truncate(t),
      using: sweep.color,
    }),
  );
  const color = readText(get('sc'), colorSchema, sweep.color, problems);
  if (color !== sweep.color) sweep = { ...sweep, color };
  const thresholdText = get('st');
  if (thresholdText !== null) {
    const t = thresholdText.trim() === '' ? NaN : Number(thresholdText);
    if (Number.isFinite(t) && Math.abs(t) <= MAX_AXIS_ABS) sweep = { ...sweep, threshold: t };
    else
      problems.push(
        message('explore.st', { text: truncate(thresholdText), using: sweep.threshold }),
      );
  }
  const cellsSchema = integerText(MIN_BASIN_CELLS, MAX_BASIN_CELLS, (t) =>
    message('explore.bc', {
      min: MIN_BASIN_CELLS,
      max: MAX_BASIN_CELLS,
      text: truncate(t),
      using: base.basins.cells,
    }),
  );
  const cells = readText(get('bc'), cellsSchema, base.basins.cells, problems);
  return { sweep, basins: cells === base.basins.cells ? base.basins : { cells } };
}
