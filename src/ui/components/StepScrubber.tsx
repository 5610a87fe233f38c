// The scrubbed step: a range input over 0..steps and its "step N / M" readout, shared by the
// time bar and the embed's compact bar.

import { setStep } from '../store';

export function StepScrubber({ step, steps }: { step: number; steps: number }) {
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
        aria-label="Scrubbed step"
        aria-valuetext={`step ${step} of ${steps}`}
      />
      <span className="step-readout" aria-live="off">
        step <strong>{step}</strong> / {steps}
      </span>
    </>
  );
}
