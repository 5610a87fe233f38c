// The 3-D view's camera as the link carries it: yaw and pitch in degrees around the centre
// of the surface's box, the distance from it in box half-widths, and whether height is
// log(loss) rather than loss. In the config (and the share link) so that a shared picture
// opens from the same angle:   #mode=3d&cam=-35,34,4.2&logz=1
// Decoding never throws: a bad value is reported and the default is used.

import { truncate } from './errors';
import { message, type Message } from './messages';

export interface OrbitConfig {
  /** Degrees around the vertical axis, in (−180, 180]; 0 looks along +y. */
  readonly yaw: number;
  /** Degrees above the floor, ORBIT_LIMITS.pitch. */
  readonly pitch: number;
  /** Camera distance from the box centre in half-widths of the box, ORBIT_LIMITS.distance. */
  readonly distance: number;
  /** Height is the log-scaled loss (the map's colour scale) instead of the loss itself. */
  readonly logHeight: boolean;
}

export const ORBIT_LIMITS = {
  pitch: [5, 89],
  distance: [1.5, 12],
} as const;

export const DEFAULT_ORBIT: OrbitConfig = { yaw: -35, pitch: 34, distance: 4.6, logHeight: false };

export const ORBIT_URL_KEYS = ['cam', 'logz'] as const;

/** Yaw folded into (−180, 180]. */
export function wrapYaw(deg: number): number {
  const r = ((((deg + 180) % 360) + 360) % 360) - 180;
  return r === -180 ? 180 : r;
}

const clamp = (v: number, [lo, hi]: readonly [number, number]): number =>
  Math.min(hi, Math.max(lo, v));

/** The orbit with yaw wrapped and pitch and distance inside their limits. */
export function clampOrbit(o: OrbitConfig): OrbitConfig {
  return {
    yaw: wrapYaw(o.yaw),
    pitch: clamp(o.pitch, ORBIT_LIMITS.pitch),
    distance: clamp(o.distance, ORBIT_LIMITS.distance),
    logHeight: o.logHeight,
  };
}

/** Short decimal for the link (degrees to 0.1, distance to 0.01). */
const short = (v: number, digits: number): string => String(Number(v.toFixed(digits)));

/** Writes the orbit into `q` (only what differs from the default). */
export function encodeOrbit(orbit: OrbitConfig, q: URLSearchParams): void {
  const d = DEFAULT_ORBIT;
  if (orbit.yaw !== d.yaw || orbit.pitch !== d.pitch || orbit.distance !== d.distance)
    q.set('cam', [short(orbit.yaw, 1), short(orbit.pitch, 1), short(orbit.distance, 2)].join(','));
  if (orbit.logHeight) q.set('logz', '1');
}

/** Reads `cam` and `logz`; a malformed value is reported in `problems` and the default used. */
export function decodeOrbit(get: (key: string) => string | null, problems: Message[]): OrbitConfig {
  let { yaw, pitch, distance, logHeight } = DEFAULT_ORBIT;
  const cam = get('cam');
  if (cam !== null) {
    const parts = cam.split(',');
    const nums = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
    const [y, p, dist] = nums;
    const [pLo, pHi] = ORBIT_LIMITS.pitch;
    const [dLo, dHi] = ORBIT_LIMITS.distance;
    if (nums.length !== 3 || y === undefined || p === undefined || dist === undefined)
      problems.push(message('orbit.camCount', { text: truncate(cam) }));
    else if (!nums.every(Number.isFinite))
      problems.push(message('orbit.camFinite', { text: truncate(cam) }));
    else if (p < pLo || p > pHi || dist < dLo || dist > dHi)
      problems.push(
        message('orbit.camRange', {
          pitchMin: pLo,
          pitchMax: pHi,
          distanceMin: dLo,
          distanceMax: dHi,
          text: truncate(cam),
        }),
      );
    else {
      yaw = wrapYaw(y);
      pitch = p;
      distance = dist;
    }
  }
  const logz = get('logz');
  if (logz === '1' || logz === 'true') logHeight = true;
  else if (logz !== null && logz !== '0' && logz !== 'false')
    problems.push(message('link.flag', { key: 'logz', text: truncate(logz) }));
  return { yaw, pitch, distance, logHeight };
}
