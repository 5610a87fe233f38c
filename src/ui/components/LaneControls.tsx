// The parts of a lane card below its optimizer: the lr it used (a small line), gradient
// clipping, the swarm of start points and gradient noise. Split from LanesPanel.tsx, which
// lays the card out.

import { useTranslation } from '../i18n';
import type { LaneConfig } from '../../core/config';
import { MAX_SWARM } from '../../core/config';
import { setLaneNoise, updateLane } from '../store';
import { NumberField, ParamControl } from './ParamControl';
import { DEFAULT_NOISE, NOISE_PARAMS, type NoiseConfig } from '../../core/noise';
import { fmt } from '../format';
import { CPU_MAX_SWARM } from '../compute';

/** The learning rate over the run as a small line (the lr the run actually used). */
export function LrSpark({
  lr,
  color,
  name,
}: {
  lr: Float64Array | null;
  color: string;
  name: string;
}) {
  const { t } = useTranslation();
  if (!lr || lr.length === 0) return null;
  const W = 220;
  const H = 40;
  let max = 0;
  for (const v of lr) if (Number.isFinite(v) && v > max) max = v;
  if (max <= 0) max = 1;
  const n = lr.length;
  const cols = Math.min(n, W);
  let d = '';
  for (let c = 0; c < cols; c++) {
    const i = Math.floor((c * n) / cols);
    const v = lr[i] ?? NaN;
    if (!Number.isFinite(v)) continue;
    const x = (c / Math.max(1, cols - 1)) * W;
    const y = H - 2 - (v / max) * (H - 4);
    d += `${d === '' ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
  }
  const first = lr[0] ?? NaN;
  const last = lr[n - 1] ?? NaN;
  return (
    <figure className="lr-spark">
      <svg
        width={W}
        height={H}
        role="img"
        aria-label={t('controls.lrSpark', { name, first: fmt(first), last: fmt(last) })}
      >
        <path d={d} fill="none" stroke={color} strokeWidth={1.5} />
      </svg>
      <figcaption>
        {t('controls.lrCaption', { first: fmt(first), last: fmt(last), max: fmt(max) })}
      </figcaption>
    </figure>
  );
}

export function ClipControls({ lane }: { lane: LaneConfig }) {
  const { t } = useTranslation();
  const n = lane.name;
  const row = (key: 'maxNorm' | 'maxValue', label: string, fallback: number) => {
    const v = lane.clip[key];
    return (
      <div className="param-row clip-row">
        <label className="toggle">
          <input
            type="checkbox"
            checked={v !== null}
            onChange={(e) =>
              updateLane(lane.id, {
                clip: { ...lane.clip, [key]: e.target.checked ? fallback : null },
              })
            }
            aria-label={`${n} ${label}`}
          />
          {label}
        </label>
        {v !== null && (
          <NumberField
            value={v}
            name={t('controls.clipValueName', { name: n, label })}
            check={(x) => (Number.isFinite(x) && x > 0 ? null : t('controls.positive', { label }))}
            onCommit={(x) => updateLane(lane.id, { clip: { ...lane.clip, [key]: x } })}
          />
        )}
      </div>
    );
  };
  return (
    <fieldset className="clip">
      <legend>{t('controls.clipping')}</legend>
      {row('maxNorm', t('controls.clipNorm'), 1)}
      {row('maxValue', t('controls.clipValue'), 1)}
    </fieldset>
  );
}

export function SwarmControls({ lane, onCpu }: { lane: LaneConfig; onCpu: boolean }) {
  const { t } = useTranslation();
  const n = lane.name;
  const sw = lane.swarm;
  return (
    <fieldset className="swarm">
      <legend>{t('controls.swarm')}</legend>
      <div className="param-row">
        <select
          value={sw?.kind ?? ''}
          onChange={(e) => {
            const kind = e.target.value;
            updateLane(lane.id, {
              swarm:
                kind === 'grid' || kind === 'cloud'
                  ? { ...sw, kind, count: sw?.count ?? 1024 }
                  : null,
            });
          }}
          aria-label={t('controls.swarmOf', { name: n })}
        >
          <option value="">{t('lanes.off')}</option>
          <option value="grid">{t('controls.swarmGrid')}</option>
          <option value="cloud">{t('controls.swarmCloud')}</option>
        </select>
        {sw && (
          <NumberField
            value={sw.count}
            name={t('controls.swarmSize', { name: n })}
            check={(x) =>
              Number.isInteger(x) && x >= 1 && x <= MAX_SWARM
                ? null
                : t('controls.swarmSizeRange', { max: MAX_SWARM })
            }
            onCommit={(x) => updateLane(lane.id, { swarm: { ...sw, count: x } })}
          />
        )}
      </div>
      {sw && (
        <label className="param">
          <span className="param-label">{t('controls.drawnAs')}</span>
          <select
            value={sw.draw ?? 'trails'}
            onChange={(e) =>
              updateLane(lane.id, {
                swarm:
                  e.target.value === 'dots'
                    ? { kind: sw.kind, count: sw.count, draw: 'dots' }
                    : { kind: sw.kind, count: sw.count },
              })
            }
            aria-label={t('controls.drawnAsOf', { name: n })}
          >
            <option value="trails">{t('controls.trails')}</option>
            <option value="dots">{t('controls.dots')}</option>
          </select>
        </label>
      )}
      {sw && onCpu && sw.count > CPU_MAX_SWARM && (
        <p className="note">{t('controls.cpuOnly', { n: CPU_MAX_SWARM })}</p>
      )}
    </fieldset>
  );
}

/**
 * Gradient noise: σ (log slider), absolute or relative to |∇f|, and N runs; on a data surface
 * a mini-batch size instead of σ (src/core/noise.ts).
 */
export function NoiseControls({
  lane,
  dataSurface,
  onCpu,
}: {
  lane: LaneConfig;
  dataSurface: boolean;
  onCpu: boolean;
}) {
  const { t } = useTranslation();
  const n = lane.name;
  const noise = lane.noise;
  const set = (patch: Partial<NoiseConfig>) =>
    setLaneNoise(lane.id, { ...(noise ?? DEFAULT_NOISE), ...patch });
  return (
    <fieldset className="noise">
      <legend>{t('controls.noise')}</legend>
      <label className="toggle">
        <input
          type="checkbox"
          checked={noise !== undefined}
          onChange={(e) => setLaneNoise(lane.id, e.target.checked ? DEFAULT_NOISE : null)}
          aria-label={t('controls.noiseOf', { name: n })}
        />
        {dataSurface ? t('controls.miniBatches') : t('controls.noisy')}
      </label>
      {noise && (
        <>
          {dataSurface ? (
            <ParamControl
              param={NOISE_PARAMS.batch}
              value={noise.batch}
              context={n}
              onChange={(v) => typeof v === 'number' && set({ batch: v })}
            />
          ) : (
            <>
              <ParamControl
                param={NOISE_PARAMS.sigma}
                value={noise.sigma}
                context={n}
                onChange={(v) => typeof v === 'number' && set({ sigma: v })}
              />
              <label className="param">
                <span className="param-label">{t('controls.sigmaIs')}</span>
                <select
                  value={noise.relative ? 'relative' : 'absolute'}
                  onChange={(e) => set({ relative: e.target.value === 'relative' })}
                  aria-label={t('controls.noiseScaleOf', { name: n })}
                >
                  <option value="absolute">{t('controls.absolute')}</option>
                  <option value="relative">{t('controls.relative')}</option>
                </select>
              </label>
            </>
          )}
          <ParamControl
            param={NOISE_PARAMS.runs}
            value={noise.runs}
            context={n}
            onChange={(v) => typeof v === 'number' && set({ runs: v })}
          />
          {onCpu && noise.runs > CPU_MAX_SWARM && (
            <p className="note">{t('controls.cpuOnly', { n: CPU_MAX_SWARM })}</p>
          )}
        </>
      )}
    </fieldset>
  );
}
