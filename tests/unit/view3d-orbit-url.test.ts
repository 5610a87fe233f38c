// The 3-D view's fields of the link (src/core/orbit.ts through src/core/url-codec.ts): the
// camera and log-height survive a round trip; each malformed value gives a message naming it
// and the default camera; an unknown mode names the known ones.
import { describe, expect, it } from 'vitest';
import { decodeConfig, encodeConfig } from '../../src/core/url-codec';
import { defaultConfig, VIEW_MODES, type Config } from '../../src/core/config';
import { DEFAULT_ORBIT, ORBIT_LIMITS, clampOrbit, wrapYaw } from '../../src/core/orbit';
import { OPTIMIZERS } from '../../src/core/optimizers';
import { SCHEDULES } from '../../src/core/schedules';
import { SURFACES } from '../../src/core/surfaces';

const REG = { surfaces: SURFACES, optimizers: OPTIMIZERS, schedules: SCHEDULES };
const decode = (hash: string) => decodeConfig(hash, REG);

describe('orbit in the link', () => {
  it('mode=3d with a camera and log height survives a round trip exactly', () => {
    const config: Config = {
      ...defaultConfig(),
      mode: '3d',
      orbit: { yaw: -172.5, pitch: 61.2, distance: 2.75, logHeight: true },
    };
    const hash = encodeConfig(config, REG);
    expect(hash).toContain('mode=3d');
    expect(hash).toContain('cam=-172.5,61.2,2.75');
    expect(hash).toContain('logz=1');
    const back = decode(hash);
    expect(back.problems).toEqual([]);
    expect(back.config.mode).toBe('3d');
    expect(back.config.orbit).toEqual(config.orbit);
  });

  it('the default camera writes nothing; other views do not carry the camera', () => {
    const hash3d = encodeConfig({ ...defaultConfig(), mode: '3d' }, REG);
    expect(hash3d).not.toContain('cam=');
    expect(hash3d).not.toContain('logz');
    const map = encodeConfig(
      { ...defaultConfig(), orbit: { ...DEFAULT_ORBIT, yaw: 10, logHeight: true } },
      REG,
    );
    expect(map).not.toContain('cam=');
    expect(decode(map).config.orbit).toEqual(DEFAULT_ORBIT);
  });

  it('a yaw outside ±180 is wrapped, not refused', () => {
    const { config, problems } = decode('mode=3d&cam=540,30,4');
    expect(problems).toEqual([]);
    expect(config.orbit.yaw).toBe(180);
    expect(decode('mode=3d&cam=-190,30,4').config.orbit.yaw).toBe(170);
  });

  it.each([
    ['cam=1,2', /cam: needs yaw,pitch,distance \(three numbers\), got "1,2"/],
    ['cam=1,2,3,4', /cam: needs yaw,pitch,distance/],
    ['cam=NaN,30,4', /cam: yaw, pitch and distance must be finite numbers, got "NaN,30,4"/],
    ['cam=0,Infinity,4', /finite numbers/],
    ['cam=0,,4', /finite numbers/],
    ['cam=0,90,4', /cam: pitch must be in \[5, 89\] degrees and distance in \[1.5, 12\]/],
    ['cam=0,4,4', /pitch must be in \[5, 89\]/],
    ['cam=0,30,0', /distance in \[1.5, 12\]/],
    ['cam=0,30,1e9', /distance in \[1.5, 12\]/],
    ['logz=2', /logz: must be 0 or 1, got "2"/],
    [`cam=${'9'.repeat(80)}`, /cam: .*…"/],
  ])('%s gives a message and the default camera', (field, message) => {
    const { config, problems } = decode(`mode=3d&${field}`);
    expect(problems.join('\n')).toMatch(message);
    expect(config.mode).toBe('3d');
    expect(config.orbit).toEqual(DEFAULT_ORBIT);
  });

  it('an unknown mode names every known one and falls back to the map', () => {
    const { config, problems } = decode('mode=4d');
    expect(config.mode).toBe('single');
    expect(problems).toEqual([
      `mode: must be one of ${VIEW_MODES.join(', ')}, got "4d"; using the map`,
    ]);
    for (const mode of VIEW_MODES) expect(decode(`mode=${mode}`).config.mode).toBe(mode);
  });
});

describe('clampOrbit', () => {
  it('wraps yaw into (−180, 180] and clamps pitch and distance', () => {
    expect(wrapYaw(180)).toBe(180);
    expect(wrapYaw(-180)).toBe(180);
    expect(wrapYaw(181)).toBe(-179);
    expect(wrapYaw(-720 + 45)).toBe(45);
    const c = clampOrbit({ yaw: 370, pitch: 200, distance: 0.1, logHeight: true });
    expect(c).toEqual({
      yaw: 10,
      pitch: ORBIT_LIMITS.pitch[1],
      distance: ORBIT_LIMITS.distance[0],
      logHeight: true,
    });
  });
});
