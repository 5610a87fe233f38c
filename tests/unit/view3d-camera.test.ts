// The 3-D view's camera math (src/ui/view3d/camera.ts): the matrices put the target in the
// middle of the screen, keep depth in WebGPU's 0..1 and order points by distance; yaw 0 looks
// along +y with x to the right; drag, wheel and keys move the orbit as the view's hint says.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ORBIT, ORBIT_LIMITS, type OrbitConfig } from '../../src/core/orbit';
import {
  TARGET,
  dragOrbit,
  eyeOf,
  keyOrbit,
  lookAt,
  multiply,
  perspective,
  project,
  viewProjection,
  zoomOrbit,
} from '../../src/ui/view3d/camera';
import { BOX_HEIGHT, boxXY, heightOfLoss, heightSlope } from '../../src/gpu/render/frame3d';
import { lossToT } from '../../src/gpu/render/lossRange';
import { axisLabels } from '../../src/ui/view3d/axes3d';

const orbit = (o: Partial<OrbitConfig>): OrbitConfig => ({ ...DEFAULT_ORBIT, ...o });
const W = 800;
const H = 600;

describe('camera', () => {
  it('the eye is `distance` from the target, `pitch` above it', () => {
    const o = orbit({ yaw: 30, pitch: 40, distance: 5 });
    const e = eyeOf(o);
    const d = [e[0] - TARGET[0], e[1] - TARGET[1], e[2] - TARGET[2]];
    expect(Math.hypot(d[0]!, d[1]!, d[2]!)).toBeCloseTo(5, 12);
    // sin(40°) · 5 = 3.2139…
    expect(d[2]).toBeCloseTo(5 * Math.sin((40 * Math.PI) / 180), 12);
  });

  it('projects the target to the middle of the viewport, in front of the camera', () => {
    const m = viewProjection(orbit({ yaw: 73, pitch: 20, distance: 3 }), W / H);
    const p = project(m, TARGET, W, H);
    expect(p.visible).toBe(true);
    expect(p.x).toBeCloseTo(W / 2, 3);
    expect(p.y).toBeCloseTo(H / 2, 3);
    expect(p.depth).toBeGreaterThan(0);
    expect(p.depth).toBeLessThan(1);
  });

  it('at yaw 0, +x is to the right, +y away (up the screen) and +z up', () => {
    const m = viewProjection(orbit({ yaw: 0, pitch: 30, distance: 4 }), W / H);
    const c = project(m, [0, 0, 0], W, H);
    const x = project(m, [0.5, 0, 0], W, H);
    const y = project(m, [0, 0.5, 0], W, H);
    const z = project(m, [0, 0, 0.5], W, H);
    expect(x.x).toBeGreaterThan(c.x + 10);
    expect(Math.abs(x.y - c.y)).toBeLessThan(1e-3);
    expect(y.y).toBeLessThan(c.y);
    expect(y.depth).toBeGreaterThan(c.depth); // farther
    expect(z.y).toBeLessThan(c.y);
  });

  it('the whole box of the default view fits the viewport', () => {
    const m = viewProjection(DEFAULT_ORBIT, W / H);
    for (const X of [-1, 1])
      for (const Y of [-1, 1])
        for (const Z of [0, BOX_HEIGHT]) {
          const p = project(m, [X, Y, Z], W, H);
          expect(p.x).toBeGreaterThan(0);
          expect(p.x).toBeLessThan(W);
          expect(p.y).toBeGreaterThan(0);
          expect(p.y).toBeLessThan(H);
        }
  });

  it('perspective maps near to depth 0 and far to depth 1; lookAt sends the eye to the origin', () => {
    const P = perspective(60, 1, 0.1, 10);
    const proj = (z: number) => {
      const cz = P[10]! * z + P[14]!;
      const cw = P[11]! * z + P[15]!;
      return cz / cw;
    };
    expect(proj(-0.1)).toBeCloseTo(0, 6);
    expect(proj(-10)).toBeCloseTo(1, 6);
    const V = lookAt([1, 2, 3], [0, 0, 0]);
    const eye = multiply(V, new Float32Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 1]));
    expect(Math.abs(eye[12]!) + Math.abs(eye[13]!) + Math.abs(eye[14]!)).toBeLessThan(1e-5);
  });
});

describe('orbit input', () => {
  it('dragging right turns (yaw down), dragging down tilts up; pitch stays in its limits', () => {
    const o = orbit({ yaw: 0, pitch: 30 });
    // 0.4° per pixel: 50 px → 20°.
    expect(dragOrbit(o, 50, 0).yaw).toBeCloseTo(-20, 12);
    expect(dragOrbit(o, 0, 25).pitch).toBeCloseTo(40, 12);
    expect(dragOrbit(o, 0, 10_000).pitch).toBe(ORBIT_LIMITS.pitch[1]);
    expect(dragOrbit(o, 0, -10_000).pitch).toBe(ORBIT_LIMITS.pitch[0]);
    expect(dragOrbit(o, 1000, 0).yaw).toBeGreaterThan(-180);
  });

  it('zoom multiplies the distance within its limits and ignores a bad factor', () => {
    const o = orbit({ distance: 4 });
    expect(zoomOrbit(o, 0.5).distance).toBe(2);
    expect(zoomOrbit(o, 1e-9).distance).toBe(ORBIT_LIMITS.distance[0]);
    expect(zoomOrbit(o, 1e9).distance).toBe(ORBIT_LIMITS.distance[1]);
    expect(zoomOrbit(o, NaN)).toBe(o);
    expect(zoomOrbit(o, -1)).toBe(o);
  });

  it('keys: arrows orbit by 10°, + and − zoom, anything else is not ours', () => {
    const o = orbit({ yaw: 175, pitch: 30, distance: 4 });
    expect(keyOrbit(o, 'ArrowLeft')!.yaw).toBe(-175);
    expect(keyOrbit(o, 'ArrowRight')!.yaw).toBe(165);
    expect(keyOrbit(o, 'ArrowUp')!.pitch).toBe(40);
    expect(keyOrbit(o, 'ArrowDown')!.pitch).toBe(20);
    expect(keyOrbit(o, '+')!.distance).toBeLessThan(4);
    expect(keyOrbit(o, '-')!.distance).toBeGreaterThan(4);
    expect(keyOrbit(o, 'a')).toBeNull();
  });
});

describe('height map (the twin of frame3d.wgsl)', () => {
  const range = { lo: 0, hi: 100, delta: 0.01 };
  it('linear height is (f − lo)/(hi − lo) of the box, clamped; log height follows the colours', () => {
    expect(heightOfLoss(25, range, false)).toBeCloseTo(0.25 * BOX_HEIGHT, 12);
    expect(heightOfLoss(1e6, range, false)).toBe(BOX_HEIGHT);
    expect(heightOfLoss(-5, range, false)).toBe(0);
    expect(heightOfLoss(3, range, true)).toBeCloseTo(BOX_HEIGHT * lossToT(3, range), 12);
    expect(heightOfLoss(NaN, range, true)).toBeNaN();
  });
  it('heightSlope is the derivative of heightOfLoss (against a central difference)', () => {
    for (const log of [false, true])
      for (const f of [0.5, 3, 40]) {
        const h = 1e-5 * f;
        const fd = (heightOfLoss(f + h, range, log) - heightOfLoss(f - h, range, log)) / (2 * h);
        expect(heightSlope(f, range, log)).toBeCloseTo(fd, 6);
      }
  });
  it('boxXY maps the window onto [−1, 1]²', () => {
    const view = { xMin: -2, xMax: 2, yMin: -1, yMax: 3 };
    expect(boxXY(view, -2, -1)).toEqual([-1, -1]);
    expect(boxXY(view, 2, 3)).toEqual([1, 1]);
    expect(boxXY(view, 0, 1)).toEqual([0, 0]);
  });
});

describe('axis labels', () => {
  it('x is named along the floor edge nearest the camera, below the floor centre at yaw 0', () => {
    const m = viewProjection(orbit({ yaw: 0, pitch: 30, distance: 4 }), W / H);
    const labels = axisLabels(m, { xMin: -2, xMax: 2, yMin: -1, yMax: 3 }, W, H);
    const centre = project(m, [0, 0, 0], W, H);
    const x = labels.find((l) => l.name && l.text === 'x')!;
    expect(x.y).toBeGreaterThan(centre.y);
    expect(Math.abs(x.x - centre.x)).toBeLessThan(1);
    // Values at a tenth of the window in from its ends: −2 + 0.4 and 3 − 0.4.
    expect(labels.map((l) => l.text)).toEqual(
      expect.arrayContaining(['-1.6', '1.6', '-0.6', '2.6']),
    );
    // Seen from the other side, the x label moves to the other edge (still nearest, below).
    const back = viewProjection(orbit({ yaw: 180, pitch: 30, distance: 4 }), W / H);
    const xb = axisLabels(back, { xMin: -2, xMax: 2, yMin: -1, yMax: 3 }, W, H).find(
      (l) => l.text === 'x',
    )!;
    expect(xb.y).toBeGreaterThan(project(back, [0, 0, 0], W, H).y);
  });
});
