// The 3-D view's camera: an orbit (yaw, pitch, distance; src/core/orbit.ts) around the box
// the surface is drawn in, as a column-major view-projection matrix for WebGPU (clip depth
// 0..1) and the same projection on the CPU for the canvas-2D fallback and hit tests.
//
// World space: x and y of the view window map to X, Y ∈ [−1, 1]; height Z ∈ [0, BOX_HEIGHT]
// (src/gpu/render/frame3d.ts); Z is up. At yaw 0 the camera looks along +Y (x to the right).

import { clampOrbit, type OrbitConfig } from '../../core/orbit';
import { BOX_HEIGHT } from '../../gpu/render/frame3d';

export type Vec3 = readonly [number, number, number];
/** 16 numbers, column-major: element (row r, column c) at c·4 + r. */
export type Mat4 = Float32Array;

const DEG = Math.PI / 180;
/** Vertical field of view. */
export const FOV_Y_DEG = 34;
const NEAR = 0.05;
const FAR = 60;
/** What the camera orbits: the middle of the box, a little low (the walls rise behind). */
export const TARGET: Vec3 = [0, 0, BOX_HEIGHT * 0.35];

export function eyeOf(orbit: OrbitConfig): Vec3 {
  const yaw = orbit.yaw * DEG;
  const pitch = orbit.pitch * DEG;
  const d = orbit.distance;
  return [
    TARGET[0] + d * Math.cos(pitch) * Math.sin(yaw),
    TARGET[1] - d * Math.cos(pitch) * Math.cos(yaw),
    TARGET[2] + d * Math.sin(pitch),
  ];
}

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
const normalize = (a: Vec3): Vec3 => {
  const l = Math.hypot(a[0], a[1], a[2]) || 1;
  return [a[0] / l, a[1] / l, a[2] / l];
};

/** Right-handed look-at (camera looks down its −z). */
export function lookAt(eye: Vec3, target: Vec3, up: Vec3 = [0, 0, 1]): Mat4 {
  const f = normalize(sub(target, eye));
  const s = normalize(cross(f, up));
  const u = cross(s, f);
  // prettier-ignore
  return new Float32Array([
    s[0], u[0], -f[0], 0,
    s[1], u[1], -f[1], 0,
    s[2], u[2], -f[2], 0,
    -dot(s, eye), -dot(u, eye), dot(f, eye), 1,
  ]);
}

/** Perspective with WebGPU's clip depth 0 (near) .. 1 (far). */
export function perspective(fovYDeg: number, aspect: number, near = NEAR, far = FAR): Mat4 {
  const f = 1 / Math.tan((fovYDeg * DEG) / 2);
  const a = aspect > 0 && Number.isFinite(aspect) ? aspect : 1;
  const nf = 1 / (near - far);
  // prettier-ignore
  return new Float32Array([
    f / a, 0, 0, 0,
    0, f, 0, 0,
    0, 0, far * nf, -1,
    0, 0, near * far * nf, 0,
  ]);
}

/** a · b (column-major). */
export function multiply(a: Mat4, b: Mat4): Mat4 {
  const out = new Float32Array(16);
  for (let c = 0; c < 4; c++)
    for (let r = 0; r < 4; r++) {
      let v = 0;
      for (let k = 0; k < 4; k++) v += a[k * 4 + r]! * b[c * 4 + k]!;
      out[c * 4 + r] = v;
    }
  return out;
}

export function viewProjection(orbit: OrbitConfig, aspect: number): Mat4 {
  return multiply(perspective(FOV_Y_DEG, aspect), lookAt(eyeOf(clampOrbit(orbit)), TARGET));
}

export interface Projected {
  /** Pixels from the viewport's top-left. */
  readonly x: number;
  readonly y: number;
  /** Clip depth 0..1 (smaller is nearer). */
  readonly depth: number;
  /** False behind the camera. */
  readonly visible: boolean;
}

/** A world point to viewport pixels (the vertex shader's arithmetic). */
export function project(m: Mat4, p: Vec3, width: number, height: number): Projected {
  const cx = m[0]! * p[0] + m[4]! * p[1] + m[8]! * p[2] + m[12]!;
  const cy = m[1]! * p[0] + m[5]! * p[1] + m[9]! * p[2] + m[13]!;
  const cz = m[2]! * p[0] + m[6]! * p[1] + m[10]! * p[2] + m[14]!;
  const cw = m[3]! * p[0] + m[7]! * p[1] + m[11]! * p[2] + m[15]!;
  const w = cw > 1e-6 ? cw : 1e-6;
  return {
    x: ((cx / w) * 0.5 + 0.5) * width,
    y: (0.5 - (cy / w) * 0.5) * height,
    depth: cz / w,
    visible: cw > 1e-6,
  };
}

/** Degrees of yaw and pitch per pixel dragged. */
const ORBIT_DEG_PER_PX = 0.4;

/** The orbit after a drag of (dx, dy) pixels: right turns the surface right, down tilts it up. */
export function dragOrbit(orbit: OrbitConfig, dx: number, dy: number): OrbitConfig {
  return clampOrbit({
    ...orbit,
    yaw: orbit.yaw - dx * ORBIT_DEG_PER_PX,
    pitch: orbit.pitch + dy * ORBIT_DEG_PER_PX,
  });
}

/** The orbit with the distance multiplied by `factor` (< 1 zooms in). */
export function zoomOrbit(orbit: OrbitConfig, factor: number): OrbitConfig {
  if (!(factor > 0) || !Number.isFinite(factor)) return orbit;
  return clampOrbit({ ...orbit, distance: orbit.distance * factor });
}

/** Keyboard steps: arrows turn by this many degrees, + and − zoom by this factor. */
export const KEY_DEG = 10;
export const KEY_ZOOM = 1.15;

/** The orbit after a key press, or null when the key is not one of the view's. */
export function keyOrbit(orbit: OrbitConfig, key: string): OrbitConfig | null {
  switch (key) {
    case 'ArrowLeft':
      return clampOrbit({ ...orbit, yaw: orbit.yaw + KEY_DEG });
    case 'ArrowRight':
      return clampOrbit({ ...orbit, yaw: orbit.yaw - KEY_DEG });
    case 'ArrowUp':
      return clampOrbit({ ...orbit, pitch: orbit.pitch + KEY_DEG });
    case 'ArrowDown':
      return clampOrbit({ ...orbit, pitch: orbit.pitch - KEY_DEG });
    case '+':
    case '=':
      return zoomOrbit(orbit, 1 / KEY_ZOOM);
    case '-':
    case '_':
      return zoomOrbit(orbit, KEY_ZOOM);
    default:
      return null;
  }
}
