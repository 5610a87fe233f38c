// The model and loop settings a link carries (hidden layers, activation, batch size, epochs,
// seed, stopping rules). Changing any of them starts every lane over.

import { useState } from 'react';
import { MODEL_LIMITS } from '../../../core/train/layout';
import { MAX_BATCH_ROWS } from '../../../core/train/case';
import { MAX_EPOCHS, trainTask } from '../../../core/train/trainConfig';
import type { Activation } from '../../../core/train/types';
import { setTrainConfig } from '../actions';
import { useStore } from '../../store';
import { NumberField } from '../../components/ParamControl';

const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'sigmoid', 'none'];

const wholeIn = (lo: number, hi: number, what: string) => (n: number) =>
  Number.isInteger(n) && n >= lo && n <= hi
    ? null
    : `${what} must be a whole number in [${lo}, ${hi}]`;

/** "128, 64" → [128, 64]; an error sentence when it is not a list of layer sizes. */
export function parseHidden(text: string): number[] | string {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const sizes = parts.map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > MODEL_LIMITS.units))
    return `each hidden layer needs 1 to ${MODEL_LIMITS.units} units`;
  if (sizes.length > MODEL_LIMITS.layers - 1)
    return `at most ${MODEL_LIMITS.layers - 1} hidden layers`;
  return sizes;
}

function HiddenField({ hidden }: { hidden: readonly number[] }) {
  const [text, setText] = useState(hidden.join(', '));
  const [error, setError] = useState<string | null>(null);
  return (
    <label
      className="inline"
      title={error ?? 'Units per hidden layer, comma separated; empty: none'}
    >
      hidden layers
      <input
        type="text"
        className={`num wide${error ? ' invalid' : ''}`}
        value={text}
        aria-label="Hidden layer sizes"
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
  const train = useStore((s) => s.config.train);
  const task = trainTask(train);
  return (
    <details className="train-settings panel">
      <summary>
        model and loop:{' '}
        {task.model.kind === 'cnn'
          ? `CNN, ${train.activation}`
          : train.hidden.length === 0
            ? 'no hidden layer'
            : `hidden ${train.hidden.join('-')} ${train.activation}`}
        {` · batch ${train.batchSize} · ${train.epochs} epochs · seed ${train.seed}`}
        {train.stop.accuracy !== null
          ? ` · stop at ${(100 * train.stop.accuracy).toFixed(0)} %`
          : ''}
        {train.stop.patience !== null ? ` · patience ${train.stop.patience}` : ''}
      </summary>
      <div className="train-settings-body">
        {task.model.kind === 'mlp' && <HiddenField key={train.task} hidden={train.hidden} />}
        <label className="inline">
          activation
          <select
            value={train.activation}
            onChange={(e) => setTrainConfig({ activation: e.target.value as Activation })}
            aria-label="Activation"
          >
            {ACTIVATIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          batch
          <NumberField
            value={train.batchSize}
            name="Batch size"
            check={wholeIn(1, MAX_BATCH_ROWS, 'the batch size')}
            onCommit={(batchSize) => setTrainConfig({ batchSize })}
          />
        </label>
        <label className="inline">
          epochs
          <NumberField
            value={train.epochs}
            name="Epochs"
            check={wholeIn(1, MAX_EPOCHS, 'epochs')}
            onCommit={(epochs) => setTrainConfig({ epochs })}
          />
        </label>
        <label className="inline">
          seed
          <NumberField
            value={train.seed}
            name="Seed of the shared initial weights, batch order and data"
            check={wholeIn(0, 0xffffffff, 'the seed')}
            onCommit={(seed) => setTrainConfig({ seed })}
          />
        </label>
        <label className="inline" title="Stop a lane once its held-out accuracy passes this">
          stop at accuracy
          <NumberField
            value={train.stop.accuracy ?? 0}
            name="Stop at held-out accuracy (0: off)"
            check={(n) => (n >= 0 && n <= 1 ? null : 'a share between 0 (off) and 1')}
            onCommit={(n) =>
              setTrainConfig({ stop: { ...train.stop, accuracy: n > 0 ? n : null } })
            }
          />
        </label>
        <label
          className="inline"
          title="Stop a lane after this many epochs without a lower held-out loss"
        >
          patience
          <NumberField
            value={train.stop.patience ?? 0}
            name="Patience in epochs (0: off)"
            check={wholeIn(0, 100, 'patience')}
            onCommit={(n) =>
              setTrainConfig({ stop: { ...train.stop, patience: n > 0 ? n : null } })
            }
          />
        </label>
      </div>
    </details>
  );
}
