// Time: play/pause, single steps, speed, the scrubber over the run, steps per run.

import { MAX_STEPS } from '../../core/limits';
import { SPEEDS, togglePlaying } from '../playback';
import { setSpeed, setStep, setSteps, useStore } from '../store';
import { NumberField } from './ParamControl';
import { StepScrubber } from './StepScrubber';

export function TimeBar() {
  const step = useStore((s) => s.config.step);
  const steps = useStore((s) => s.config.steps);
  const playing = useStore((s) => s.playback.playing);
  const speed = useStore((s) => s.playback.speed);

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
      <StepScrubber step={step} steps={steps} />
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
