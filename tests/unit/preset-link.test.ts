// A preset's link keeps its "what to look at" text: `preset=<id>` travels in the hash while
// the config still sets up the preset's figure.
import { describe, expect, it } from 'vitest';
import { decodeConfig, encodeConfig } from '../../src/core/url-codec';
import { PRESETS, matchingPreset, presetConfig } from '../../src/core/presets';
import { defaultConfig } from '../../src/core/config';
import { OPTIMIZERS } from '../../src/core/optimizers';
import { SCHEDULES } from '../../src/core/schedules';
import { SURFACES } from '../../src/core/surfaces';

const REG = { surfaces: SURFACES, optimizers: OPTIMIZERS, schedules: SCHEDULES };

describe('preset in the link', () => {
  it.each(PRESETS.map((p) => p.id))('%s: round trip keeps the preset and its text', (id) => {
    const preset = PRESETS.find((p) => p.id === id)!;
    const c = presetConfig(preset, REG);
    expect(c.preset).toBe(id);
    const hash = encodeConfig(c, REG);
    expect(hash).toContain(`preset=${id}`);
    const r = decodeConfig(hash, REG);
    expect(r.problems).toEqual([]);
    expect(r.config.preset).toBe(id);
    expect(matchingPreset(r.config, REG)?.id).toBe(preset.id);
  });

  it('scrubbing, zooming and renaming keep the text; changing a lane run drops it', () => {
    const preset = PRESETS[0]!;
    const c = presetConfig(preset, REG);
    const scrubbed = {
      ...c,
      step: 3,
      view: { xMin: -1, xMax: 1, yMin: -1, yMax: 1 },
      lanes: c.lanes.map((l) => ({ ...l, name: `${l.name}!` })),
    };
    expect(matchingPreset(scrubbed, REG)?.id).toBe(preset.id);
    const lane = c.lanes[0]!;
    const changed = {
      ...c,
      lanes: [
        { ...lane, optimizer: { ...lane.optimizer, params: { lr: 0.123 } } },
        ...c.lanes.slice(1),
      ],
    };
    expect(matchingPreset(changed, REG)).toBeUndefined();
    expect(matchingPreset({ ...c, steps: c.steps + 1 }, REG)).toBeUndefined();
  });

  it('no preset: no key, nothing matches', () => {
    const c = defaultConfig();
    expect(encodeConfig(c, REG)).not.toContain('preset=');
    expect(decodeConfig(encodeConfig(c, REG), REG).config.preset).toBeNull();
    expect(matchingPreset(c, REG)).toBeUndefined();
  });

  it.each(['nope', '__proto__', '', 'x'.repeat(500)])(
    'malformed preset=%s: null and a message',
    (bad) => {
      const r = decodeConfig(`#preset=${encodeURIComponent(bad)}`, REG);
      expect(r.config.preset).toBeNull();
      expect(r.problems.some((p) => p.startsWith('preset:'))).toBe(true);
      expect(r.problems.join(' ').length).toBeLessThan(400);
    },
  );
});
