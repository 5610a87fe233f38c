// Time: play/pause, single steps, speed, the scrubber over the run, steps per run.

import { useTranslation } from '../i18n';
import { MAX_STEPS } from '../../core/limits';
import { SPEEDS, togglePlaying } from '../playback';
import { setSpeed, setStep, setSteps, useStore } from '../store';
import { NumberField } from './ParamControl';
import { StepScrubber } from './StepScrubber';

export function TimeBar() {
  const { t } = useTranslation();
  const step = useStore((s) => s.config.step);
  const steps = useStore((s) => s.config.steps);
  const playing = useStore((s) => s.playback.playing);
  const speed = useStore((s) => s.playback.speed);

  return (
    <section className="timebar" aria-label={t('time.region')}>
      <button
        type="button"
        onClick={togglePlaying}
        aria-label={playing ? t('time.pause') : t('time.play')}
        aria-keyshortcuts="Space"
      >
        {playing ? `❚❚ ${t('time.pause')}` : `▶ ${t('time.play')}`}
      </button>
      <button type="button" onClick={() => setStep(step - 1)} disabled={step <= 0}>
        <span aria-hidden="true">◀ </span>
        {t('time.back')}
      </button>
      <button type="button" onClick={() => setStep(step + 1)} disabled={step >= steps}>
        {t('time.forward')}
        <span aria-hidden="true"> ▶</span>
      </button>
      <StepScrubber step={step} steps={steps} />
      <label className="inline">
        {t('time.speed')}
        <select
          value={speed}
          onChange={(e) => setSpeed(Number(e.target.value))}
          aria-label={t('time.speedAria')}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {t('time.perSecond', { n: s })}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        {t('time.steps')}
        <NumberField
          value={steps}
          name={t('time.stepsName')}
          check={(n) =>
            Number.isInteger(n) && n >= 1 && n <= MAX_STEPS
              ? null
              : t('time.stepsRange', { max: MAX_STEPS })
          }
          onCommit={setSteps}
        />
      </label>
    </section>
  );
}
