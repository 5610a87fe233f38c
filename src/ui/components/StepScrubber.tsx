// The scrubbed step: a range input over 0..steps and its "step N / M" readout, shared by the
// time bar and the embed's compact bar.

import { useTranslation } from '../i18n';
import { setStep } from '../store';

export function StepScrubber({ step, steps }: { step: number; steps: number }) {
  const { t } = useTranslation();
  return (
    <>
      <input
        className="scrubber"
        type="range"
        min={0}
        max={steps}
        step={1}
        value={step}
        onChange={(e) => setStep(Number(e.target.value))}
        aria-label={t('time.scrubbed')}
        aria-valuetext={t('time.stepOf', { step, steps })}
      />
      <span className="step-readout" aria-live="off">
        {t('time.stepWord')} <strong>{step}</strong> / {steps}
      </span>
    </>
  );
}
