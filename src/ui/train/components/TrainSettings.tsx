// The model and loop settings a link carries (hidden layers, activation, batch size, epochs,
// seed, stopping rules). Changing any of them starts every lane over.

import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { TRAIN_NS, tt } from '../strings';
import { MODEL_LIMITS } from '../../../core/train/layout';
import { MAX_BATCH_ROWS } from '../../../core/train/case';
import { MAX_EPOCHS, trainTask } from '../../../core/train/trainConfig';
import type { Activation } from '../../../core/train/types';
import { setTrainConfig } from '../actions';
import { useStore } from '../../store';
import { NumberField } from '../../components/ParamControl';

const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'none'];

const wholeIn = (lo: number, hi: number, what: () => string) => (n: number) =>
  Number.isInteger(n) && n >= lo && n <= hi ? null : tt('wholeIn', { what: what(), lo, hi });

/** "128, 64" → [128, 64]; an error sentence when it is not a list of layer sizes. */
export function parseHidden(text: string): number[] | string {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const sizes = parts.map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > MODEL_LIMITS.units))
    return tt('unitsRange', { max: MODEL_LIMITS.units });
  if (sizes.length > MODEL_LIMITS.layers - 1)
    return tt('layersMax', { n: MODEL_LIMITS.layers - 1 });
  return sizes;
}

function HiddenField({ hidden }: { hidden: readonly number[] }) {
  useTranslation(TRAIN_NS); // re-renders on a language switch
  const [text, setText] = useState(hidden.join(', '));
  const [error, setError] = useState<string | null>(null);
  return (
    <label className="inline" title={error ?? tt('hiddenTitle')}>
      {tt('hiddenLayers')}
      <input
        type="text"
        className={`num wide${error ? ' invalid' : ''}`}
        value={text}
        aria-label={tt('hiddenAria')}
        aria-invalid={error !== null}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseHidden(e.target.value);
          if (typeof parsed === 'string') setError(parsed);
          else {
            setError(null);
            setTrainConfig({ hidden: parsed });
          }
        }}
        onBlur={() => {
          setText(useStore.getState().config.train.hidden.join(', '));
          setError(null);
        }}
      />
      {error && <span className="field-error">{error}</span>}
    </label>
  );
}

export function TrainSettings() {
  useTranslation(TRAIN_NS); // re-renders on a language switch
  const train = useStore((s) => s.config.train);
  const task = trainTask(train);
  return (
    <details className="train-settings panel">
      <summary>
        {tt('modelAndLoop')}{' '}
        {task.model.kind === 'cnn'
          ? `CNN, ${train.activation}`
          : train.hidden.length === 0
            ? tt('noHidden')
            : tt('hidden', { sizes: train.hidden.join('-'), activation: train.activation })}
        {tt('loop', { batch: train.batchSize, epochs: train.epochs, seed: train.seed })}
        {train.stop.accuracy !== null
          ? tt('stopAt', { percent: (100 * train.stop.accuracy).toFixed(0) })
          : ''}
        {train.stop.patience !== null ? tt('patienceSummary', { n: train.stop.patience }) : ''}
      </summary>
      <div className="train-settings-body">
        {task.model.kind === 'mlp' && <HiddenField key={train.task} hidden={train.hidden} />}
        <label className="inline">
          {tt('activation')}
          <select
            value={train.activation}
            onChange={(e) => setTrainConfig({ activation: e.target.value as Activation })}
            aria-label={tt('activationAria')}
          >
            {ACTIVATIONS.map((a) => (
              <option key={a} value={a}>
                {a === 'none' ? tt('noActivation') : a}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          {tt('batch')}
          <NumberField
            value={train.batchSize}
            name={tt('batchName')}
            check={wholeIn(1, MAX_BATCH_ROWS, () => tt('theBatch'))}
            onCommit={(batchSize) => setTrainConfig({ batchSize })}
          />
        </label>
        <label className="inline">
          {tt('epochs')}
          <NumberField
            value={train.epochs}
            name={tt('epochsName')}
            check={wholeIn(1, MAX_EPOCHS, () => tt('epochs'))}
            onCommit={(epochs) => setTrainConfig({ epochs })}
          />
        </label>
        <label className="inline">
          {tt('seed')}
          <NumberField
            value={train.seed}
            name={tt('seedShared')}
            check={wholeIn(0, 0xffffffff, () => tt('theSeed'))}
            onCommit={(seed) => setTrainConfig({ seed })}
          />
        </label>
        <label className="inline" title={tt('stopTitle')}>
          {tt('stopAtAccuracy')}
          <NumberField
            value={train.stop.accuracy ?? 0}
            name={tt('stopName')}
            check={(n) => (n >= 0 && n <= 1 ? null : tt('share'))}
            onCommit={(n) =>
              setTrainConfig({ stop: { ...train.stop, accuracy: n > 0 ? n : null } })
            }
          />
        </label>
        <label className="inline" title={tt('patienceTitle')}>
          {tt('patience')}
          <NumberField
            value={train.stop.patience ?? 0}
            name={tt('patienceName')}
            check={wholeIn(0, 100, () => tt('patience'))}
            onCommit={(n) =>
              setTrainConfig({ stop: { ...train.stop, patience: n > 0 ? n : null } })
            }
          />
        </label>
      </div>
    </details>
  );
}
