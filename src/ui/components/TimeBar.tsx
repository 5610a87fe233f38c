// Time: play/pause, single steps, speed, the scrubber over the run, steps per run.

import { useEffect } from 'react';
import { MAX_STEPS } from '../../core/limits';
import { setPlaying, setSpeed, setStep, setSteps, useStore } from '../store';
import { NumberField } from './ParamControl';

const SPEEDS = [10, 30, 60, 120, 300, 1000, 5000] as const;

/** Advances the scrubbed step while playing (one rAF loop; stops at the end). */
function usePlayLoop(playing: boolean): void {
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let carry = 0;
    let id = requestAnimationFrame(function tick(now) {
      const { config, playback } = useStore.getState();
      carry += ((now - last) / 1000) * playback.speed;
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

/** Where Space already means something: typing, choosing, pressing a button. */
function spaceIsTaken(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return /^(INPUT|TEXTAREA|SELECT|BUTTON|SUMMARY|A)$/.test(target.tagName);
}

/** Play or pause from the start when at the end. */
function togglePlaying(): void {
  const { config, playback } = useStore.getState();
  if (!playback.playing && config.step >= config.steps) setStep(0);
  setPlaying(!playback.playing);
}

/** Space plays and pauses wherever Space is not already taken (a field, a button). */
function useSpaceToPlay(): void {
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

export function TimeBar() {
  const step = useStore((s) => s.config.step);
  const steps = useStore((s) => s.config.steps);
  const playing = useStore((s) => s.playback.playing);
  const speed = useStore((s) => s.playback.speed);
  usePlayLoop(playing);
  useSpaceToPlay();

  return (
    <section className="timebar" aria-label="Time">
      <button
        type="button"
        onClick={togglePlaying}
        aria-label={playing ? 'Pause' : 'Play'}
        aria-keyshortcuts="Space"
      >
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button type="button" onClick={() => setStep(step - 1)} disabled={step <= 0}>
        <span aria-hidden="true">◀ </span>Step back
      </button>
      <button type="button" onClick={() => setStep(step + 1)} disabled={step >= steps}>
        Step forward<span aria-hidden="true"> ▶</span>
      </button>
      <input
        className="scrubber"
        type="range"
        min={0}
        max={steps}
        step={1}
        value={step}
        onChange={(e) => setStep(Number(e.target.value))}
        aria-label="Scrubbed step"
        aria-valuetext={`step ${step} of ${steps}`}
      />
      <span className="step-readout" aria-live="off">
        step <strong>{step}</strong> / {steps}
      </span>
      <label className="inline">
        speed
        <select
          value={speed}
          onChange={(e) => setSpeed(Number(e.target.value))}
          aria-label="Playback speed (steps per second)"
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s} steps/s
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        steps per run
        <NumberField
          value={steps}
          name="Steps per run"
          check={(n) =>
            Number.isInteger(n) && n >= 1 && n <= MAX_STEPS
              ? null
              : `steps must be an integer in [1, ${MAX_STEPS}]`
          }
          onCommit={setSteps}
        />
      </label>
    </section>
  );
}
