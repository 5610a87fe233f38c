// The SVG drawn over the map canvas, in CSS pixels: axes with ticks and labels, the known
// minima, the start point handle, "diverged at step k" labels and the arrows for the selected
// lane's current step (the gradient's descent direction and the update actually taken), and
// the Train view's mini-batch paths where the map shows the line fit's surface.

import { useTranslation } from '../i18n';
import type { LaneStop } from '../../core/runaway';
import type { Vec2, ViewWindow } from '../../core/types';
import type { TrainedPath } from './trainedPaths';
import type { MeanPath } from './meanPaths';
import { formatTick, niceTicks, worldToPixel, type Size } from './viewTransform';

export interface DivergenceMark {
  readonly laneId: string;
  readonly name: string;
  readonly color: string;
  readonly at: Vec2;
  readonly step: number;
  /** Diverged (not finite) or ran away (finite, far beyond the view: src/ui/runaway.ts). */
  readonly kind: LaneStop['kind'];
}

export interface StepArrows {
  readonly color: string;
  readonly from: Vec2;
  /** The gradient at `from` (arrow drawn along −g, at a fixed length: its size varies by decades). */
  readonly gradient: Vec2 | null;
  /** The point after the step, when there is one. */
  readonly to: Vec2 | null;
}

export interface MapOverlayProps {
  readonly view: ViewWindow;
  readonly size: Size;
  readonly minima: readonly Vec2[];
  readonly start: Vec2 | null;
  readonly divergences: readonly DivergenceMark[];
  readonly arrows: StepArrows | null;
  /** The Train view's (w, b) paths, drawn dashed (see trainedPaths.ts). */
  readonly trainedPaths?: readonly TrainedPath[];
  /** Small cells: no axis labels, smaller marks. */
  readonly compact?: boolean;
  /** Noisy lanes' mean paths, drawn solid over their clouds (see meanPaths.ts). */
  readonly meanPaths?: readonly MeanPath[];
}

const inside = (size: Size, [x, y]: readonly [number, number], pad = 0) =>
  x >= -pad && y >= -pad && x <= size.width + pad && y <= size.height + pad;

function Arrow({
  from,
  to,
  color,
  dashed,
  label,
}: {
  from: readonly [number, number];
  to: readonly [number, number];
  color: string;
  dashed?: boolean;
  label: string;
}) {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  const len = Math.hypot(dx, dy);
  if (!(len > 0.5)) return null;
  const ux = dx / len;
  const uy = dy / len;
  const head = Math.min(10, len * 0.45);
  const hx = to[0] - ux * head;
  const hy = to[1] - uy * head;
  const points = `${to[0]},${to[1]} ${hx - uy * head * 0.5},${hy + ux * head * 0.5} ${hx + uy * head * 0.5},${hy - ux * head * 0.5}`;
  return (
    <g>
      <line
        x1={from[0]}
        y1={from[1]}
        x2={hx}
        y2={hy}
        stroke="rgba(0,0,0,0.65)"
        strokeWidth={5}
        strokeLinecap="round"
      />
      <line
        x1={from[0]}
        y1={from[1]}
        x2={hx}
        y2={hy}
        stroke={color}
        strokeWidth={2.5}
        strokeLinecap="round"
        strokeDasharray={dashed ? '5 4' : undefined}
      />
      <polygon points={points} fill={color} stroke="rgba(0,0,0,0.65)" strokeWidth={1.2} />
      <text className="map-arrow-label" x={to[0] + ux * 8 + 4} y={to[1] + uy * 8 + 4} fill={color}>
        {label}
      </text>
    </g>
  );
}

export function MapOverlay(props: MapOverlayProps) {
  const { t } = useTranslation();
  const { view, size, compact } = props;
  if (!(size.width > 0 && size.height > 0)) return null;
  const px = (p: Vec2) => worldToPixel(view, size, p[0], p[1]);
  const xt = niceTicks(view.xMin, view.xMax, Math.max(2, Math.round(size.width / 110)));
  const yt = niceTicks(view.yMin, view.yMax, Math.max(2, Math.round(size.height / 90)));
  const mark = compact ? 4 : 6;
  const arrows = props.arrows;
  let arrowEls = null;
  if (arrows && !compact) {
    const from = px(arrows.from);
    if (inside(size, from)) {
      const els = [];
      const g = arrows.gradient;
      const gl = g ? Math.hypot(g[0], g[1]) : 0;
      // Below 1e-9 the direction is rounding noise (at a minimum): no arrow.
      if (g && gl > 1e-9 && Number.isFinite(gl)) {
        // −g in screen space (y flips).
        const L = 56;
        const to: [number, number] = [from[0] - (g[0] / gl) * L, from[1] + (g[1] / gl) * L];
        els.push(<Arrow key="g" from={from} to={to} color="#ffffff" dashed label="−∇f" />);
      }
      if (arrows.to) {
        const to = px(arrows.to);
        if (Number.isFinite(to[0]) && Number.isFinite(to[1]))
          els.push(<Arrow key="u" from={from} to={to} color={arrows.color} label="Δθ" />);
      }
      arrowEls = <g className="map-arrows">{els}</g>;
    }
  }
  return (
    <svg
      className="map-overlay"
      width={size.width}
      height={size.height}
      viewBox={`0 0 ${size.width} ${size.height}`}
      aria-hidden="true"
    >
      {!compact && (
        <g className="map-axes">
          {xt.values.map((v) => {
            const [x] = worldToPixel(view, size, v, 0);
            // Labels stay clear of the y axis's column and the right edge.
            const labelled = x > 44 && x < size.width - 16;
            return (
              <g key={`x${v}`}>
                <line x1={x} x2={x} y1={size.height} y2={size.height - 6} />
                {labelled && (
                  <text x={x} y={size.height - 10} textAnchor="middle">
                    {formatTick(v, xt)}
                  </text>
                )}
              </g>
            );
          })}
          {yt.values.map((v) => {
            const [, y] = worldToPixel(view, size, 0, v);
            // Labels stay clear of the x axis's row and the top edge.
            const labelled = y > 24 && y < size.height - 30;
            return (
              <g key={`y${v}`}>
                <line x1={0} x2={6} y1={y} y2={y} />
                {labelled && (
                  <text x={10} y={y + 4} textAnchor="start">
                    {formatTick(v, yt)}
                  </text>
                )}
              </g>
            );
          })}
          <text className="map-axis-name" x={size.width - 12} y={size.height - 24} textAnchor="end">
            x
          </text>
          <text className="map-axis-name" x={12} y={16} textAnchor="start">
            y
          </text>
        </g>
      )}
      {props.meanPaths && props.meanPaths.length > 0 && (
        <g className="map-mean-paths">
          {props.meanPaths.map((path) => {
            const points = path.points.map((p) => px(p).join(',')).join(' ');
            const end = path.points[path.points.length - 1];
            const head = end ? px(end) : null;
            return (
              <g key={path.laneId} data-lane={path.laneId}>
                <polyline points={points} fill="none" stroke="rgba(5,5,13,0.85)" strokeWidth={5} />
                <polyline points={points} fill="none" stroke={path.color} strokeWidth={2.5} />
                {head && (
                  <circle
                    cx={head[0]}
                    cy={head[1]}
                    r={5}
                    fill={path.color}
                    stroke="rgb(13,13,20)"
                    strokeWidth={1.5}
                  />
                )}
              </g>
            );
          })}
        </g>
      )}
      {props.trainedPaths && props.trainedPaths.length > 0 && (
        <g className="map-trained-paths">
          {props.trainedPaths.map((path) => {
            const points = path.points.map((p) => px(p).join(',')).join(' ');
            const end = px(path.points[path.points.length - 1] as Vec2);
            return (
              <g key={path.laneId} data-lane={path.laneId}>
                {/* Colour dashes over white: apart from the map's solid runs they lie beside. */}
                <polyline points={points} fill="none" stroke="rgba(0,0,0,0.6)" strokeWidth={5} />
                <polyline points={points} fill="none" stroke="#ffffff" strokeWidth={2.5} />
                <polyline
                  points={points}
                  fill="none"
                  stroke={path.color}
                  strokeWidth={2.5}
                  strokeDasharray="7 5"
                />
                <rect
                  x={end[0] - 4}
                  y={end[1] - 4}
                  width={8}
                  height={8}
                  fill={path.color}
                  stroke="rgba(0,0,0,0.7)"
                  strokeWidth={1.2}
                />
              </g>
            );
          })}
        </g>
      )}
      <g className="map-minima">
        {props.minima.map((m, i) => {
          const [x, y] = px(m);
          if (!inside(size, [x, y])) return null;
          return (
            <g key={i} transform={`translate(${x} ${y})`}>
              <path
                d={`M${-mark} 0L0 ${-mark}L${mark} 0L0 ${mark}Z`}
                fill="rgba(255,255,255,0.92)"
                stroke="rgba(0,0,0,0.7)"
                strokeWidth={1.2}
              />
            </g>
          );
        })}
      </g>
      {arrowEls}
      {props.start &&
        (() => {
          const [x, y] = px(props.start);
          if (!inside(size, [x, y])) return null;
          return (
            <g className="map-start" transform={`translate(${x} ${y})`}>
              <circle r={compact ? 4 : 8} fill="none" stroke="rgba(0,0,0,0.7)" strokeWidth={4} />
              <circle r={compact ? 4 : 8} fill="none" stroke="#fff" strokeWidth={2} />
              <circle r={1.8} fill="#fff" />
            </g>
          );
        })()}
      {!compact &&
        (() => {
          // Divergences on the map get a label at the point; those off the map, a line in the
          // top-left corner (a diverged run's last finite point is often far outside).
          let offMap = 0;
          return props.divergences.map((d) => {
            const [x, y] = px(d.at);
            const onMap = inside(size, [x, y]);
            if (!onMap) {
              const row = offMap++;
              return (
                <text
                  key={d.laneId}
                  className="map-diverged"
                  x={28}
                  y={44 + row * 17}
                  textAnchor="start"
                  fill={d.color}
                >
                  {t(d.kind === 'diverged' ? 'map.divergedOff' : 'map.ranAwayOff', {
                    name: d.name,
                    step: d.step,
                  })}
                </text>
              );
            }
            const right = x < size.width - 200;
            return (
              <text
                key={d.laneId}
                className="map-diverged"
                x={x + (right ? 12 : -12)}
                y={Math.max(16, y - 10)}
                textAnchor={right ? 'start' : 'end'}
                fill={d.color}
              >
                {t(d.kind === 'diverged' ? 'map.divergedAt' : 'map.ranAwayAt', {
                  name: d.name,
                  step: d.step,
                })}
              </text>
            );
          });
        })()}
    </svg>
  );
}
