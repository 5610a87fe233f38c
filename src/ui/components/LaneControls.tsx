// The parts of a lane card below its optimizer: the lr it used (a small line), gradient
// clipping, the swarm of start points and gradient noise. Split from LanesPanel.tsx, which
// lays the card out.

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
        aria-label={`${name} learning rate over the run, from ${fmt(first)} to ${fmt(last)}`}
      >
        <path d={d} fill="none" stroke={color} strokeWidth={1.5} />
      </svg>
      <figcaption>
        lr: {fmt(first)} → {fmt(last)} (max {fmt(max)})
      </figcaption>
    </figure>
  );
}

export function ClipControls({ lane }: { lane: LaneConfig }) {
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
            name={`${n} ${label} value`}
            check={(x) =>
              Number.isFinite(x) && x > 0 ? null : `${label} must be a positive number`
            }
            onCommit={(x) => updateLane(lane.id, { clip: { ...lane.clip, [key]: x } })}
          />
        )}
      </div>
    );
  };
  return (
    <fieldset className="clip">
      <legend>gradient clipping</legend>
      {row('maxNorm', 'clip grad norm (max_norm)', 1)}
      {row('maxValue', 'clip grad value (max_value)', 1)}
    </fieldset>
  );
}

export function SwarmControls({ lane, onCpu }: { lane: LaneConfig; onCpu: boolean }) {
  const n = lane.name;
  const sw = lane.swarm;
  return (
    <fieldset className="swarm">
      <legend>swarm (many start points)</legend>
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
          aria-label={`${n} swarm`}
        >
          <option value="">off</option>
          <option value="grid">grid over the view</option>
          <option value="cloud">random cloud (seeded)</option>
        </select>
        {sw && (
          <NumberField
            value={sw.count}
            name={`${n} swarm size`}
            check={(x) =>
              Number.isInteger(x) && x >= 1 && x <= MAX_SWARM
                ? null
                : `swarm size must be an integer in [1, ${MAX_SWARM}]`
            }
            onCommit={(x) => updateLane(lane.id, { swarm: { ...sw, count: x } })}
          />
        )}
      </div>
      {sw && (
        <label className="param">
          <span className="param-label">drawn as</span>
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
            aria-label={`${n} swarm drawn as`}
          >
            <option value="trails">fading trails</option>
            <option value="dots">moving dots</option>
          </select>
        </label>
      )}
      {sw && onCpu && sw.count > CPU_MAX_SWARM && (
        <p className="note">Without WebGPU only {CPU_MAX_SWARM} of them run.</p>
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
  const n = lane.name;
  const noise = lane.noise;
  const set = (patch: Partial<NoiseConfig>) =>
    setLaneNoise(lane.id, { ...(noise ?? DEFAULT_NOISE), ...patch });
  return (
    <fieldset className="noise">
      <legend>Gradient noise</legend>
      <label className="toggle">
        <input
          type="checkbox"
          checked={noise !== undefined}
          onChange={(e) => setLaneNoise(lane.id, e.target.checked ? DEFAULT_NOISE : null)}
          aria-label={`${n} gradient noise`}
        />
        {dataSurface ? 'mini-batches (stochastic gradients)' : 'noisy gradients'}
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
                <span className="param-label">σ is</span>
                <select
                  value={noise.relative ? 'relative' : 'absolute'}
                  onChange={(e) => set({ relative: e.target.value === 'relative' })}
                  aria-label={`${n} noise scale`}
                >
                  <option value="absolute">absolute: g + σ·z</option>
                  <option value="relative">relative: g + σ·|∇f|·z</option>
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
            <p className="note">Without WebGPU only {CPU_MAX_SWARM} of them run.</p>
          )}
        </>
      )}
    </fieldset>
  );
}
