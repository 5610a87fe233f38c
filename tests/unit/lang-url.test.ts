// The interface language in the link: lang=zh round-trips, English is the default and is not
// written, and anything else falls back to English with a message naming the bad value.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/core/config';
import { decodeConfig, encodeConfig, type Registries } from '../../src/core/url-codec';
import { OPTIMIZERS } from '../../src/core/optimizers';
import { SCHEDULES } from '../../src/core/schedules';
import { SURFACES } from '../../src/core/surfaces';

const reg: Registries = { surfaces: SURFACES, optimizers: OPTIMIZERS, schedules: SCHEDULES };

describe('lang in the link', () => {
  it('round-trips lang=zh at the end of the hash, and omits English', () => {
    const zh = { ...defaultConfig(), lang: 'zh' as const };
    const hash = encodeConfig(zh, reg);
    expect(hash.endsWith('&lang=zh')).toBe(true);
    const back = decodeConfig(hash, reg);
    expect(back.problems).toEqual([]);
    expect(back.config).toEqual(zh);
    const en = encodeConfig(defaultConfig(), reg);
    expect(en).not.toContain('lang=');
    expect(decodeConfig(en, reg).config.lang).toBe('en');
    expect(decodeConfig('#lang=en', reg).config.lang).toBe('en');
  });

  it.each(['fr', 'ZH', '', 'zh-CN', '__proto__', 'x'.repeat(500)])(
    'falls back to English with a clear message for lang=%s',
    (bad) => {
      const { config, problems } = decodeConfig(`#lang=${encodeURIComponent(bad)}`, reg);
      expect(config.lang).toBe('en');
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^lang: must be one of en, zh, got ".*"; using English$/);
      expect(problems[0]!.length).toBeLessThan(200);
    },
  );

  it('keeps the rest of the link when lang is bad', () => {
    const { config } = decodeConfig('#steps=42&lang=de', reg);
    expect(config.steps).toBe(42);
  });
});
