// Playback shared by the time bar and the embed's compact bar: the play loop, Play/Pause,
// Space to play, and the first-load animation (the paths draw themselves once, as
// TensorFlow Playground opens running).

import { useEffect } from 'react';
import { setPlaying, setSpeed, setStep, useStore } from './store';

/** Playback speeds offered, in steps per second. */
export const SPEEDS = [10, 30, 60, 120, 300, 1000, 5000] as const;
/** The first-load animation lasts about this long (the slowest speed that does it in time). */
const INTRO_SECONDS = 5;

/** Longest frame the loop counts: a busy main thread slows the playback, it does not skip it. */
const MAX_FRAME_MS = 250;

/** Advances the scrubbed step while playing (one rAF loop; stops at the end). */
export function usePlayLoop(): void {
  const playing = useStore((s) => s.playback.playing);
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let carry = 0;
    let id = requestAnimationFrame(function tick(now) {
      const { config, playback } = useStore.getState();
      carry += (Math.min(MAX_FRAME_MS, now - last) / 1000) * playback.speed;
      last = now;
      const whole = Math.floor(carry);
      if (whole > 0) {
        carry -= whole;
        const next = Math.min(config.steps, config.step + whole);
        setStep(next);
        if (next >= config.steps) {
          setPlaying(false);
          return;
        }
      }
      id = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(id);
  }, [playing]);
}

/** Play, or pause; from the start when at the end. */
export function togglePlaying(): void {
  const { config, playback } = useStore.getState();
  if (!playback.playing && config.step >= config.steps) setStep(0);
  setPlaying(!playback.playing);
}

/** Where Space already means something: typing, choosing, pressing a button. */
function spaceIsTaken(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return /^(INPUT|TEXTAREA|SELECT|BUTTON|SUMMARY|A)$/.test(target.tagName);
}

/** Space plays and pauses wherever Space is not already taken (a field, a button). */
export function useSpaceToPlay(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== ' ' || e.repeat || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.defaultPrevented || spaceIsTaken(e.target)) return;
      e.preventDefault(); // no page scroll
      togglePlaying();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** The slowest offered speed that plays `steps` steps in about INTRO_SECONDS. */
export function introSpeed(steps: number): number {
  return SPEEDS.find((s) => steps / s <= INTRO_SECONDS) ?? SPEEDS[SPEEDS.length - 1]!;
}

/**
 * On first load: play the runs once from step 0, unless the link names a step (it keeps it)
 * or the reader asked for reduced motion (the page opens on the end, as the link says).
 */
export function openAnimating(hash: string): void {
  const named = new URLSearchParams(hash.replace(/^#/, '')).has('step');
  const still = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  if (named || still) return;
  const { steps } = useStore.getState().config;
  setSpeed(introSpeed(steps));
  setStep(0);
  setPlaying(true);
}
