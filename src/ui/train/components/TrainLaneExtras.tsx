// What a lane card shows in the Train view: its status and test accuracy ("test accuracy
// 91.3 %"), why it stopped, its seeds, and the buttons that copy its whole training script.

import { useState } from 'react';
import { MAX_SEEDS_PER_LANE, type LaneConfig } from '../../../core/config';
import { pushMessage, useStore } from '../../store';
import { NumberField } from '../../components/ParamControl';
import { setLaneSeed, setLaneSeeds } from '../actions';
import { accuracyText, useTrainResults } from '../useTrainResults';

const STATUS_TEXT: Record<string, string> = {
  waiting: 'ready',
  running: 'training',
  paused: 'paused',
  done: 'done',
  stopped: 'stopped',
  diverged: 'diverged',
};

export function TrainLaneStatus({ lane }: { lane: LaneConfig }) {
  const { results } = useTrainResults();
  const result = results?.lanes.find((r) => r.laneId === lane.id);
  if (!result) return null;
  const last = result.evals[result.evals.length - 1];
  const epoch = Math.floor(result.step / result.epochSteps);
  return (
    <div className={`train-lane-status ${result.status}`} role="status">
      <span className="lane-state">
        {STATUS_TEXT[result.status]} · epoch {epoch} of {result.totalSteps / result.epochSteps}
      </span>
      {last?.accuracy !== null && last?.accuracy !== undefined && (
        <strong className="lane-accuracy">{accuracyText(last.accuracy)}</strong>
      )}
      {last && last.accuracy === null && (
        <strong className="lane-accuracy">held-out loss {last.loss.toPrecision(4)}</strong>
      )}
      {result.note && (
        <span className={`lane-note${result.status === 'diverged' ? ' diverged' : ''}`}>
          {result.note}
        </span>
      )}
    </div>
  );
}

export function TrainSeedControls({ lane }: { lane: LaneConfig }) {
  const shared = useStore((s) => s.config.train.seed);
  const n = lane.name;
  return (
    <fieldset className="train-seeds">
      <legend>seeds (initial weights and batch order)</legend>
      <label className="toggle small" title="Off: the same weights and batches as every lane">
        <input
          type="checkbox"
          checked={lane.seed !== undefined}
          onChange={(e) => setLaneSeed(lane.id, e.target.checked ? shared + 1000 : null)}
          aria-label={`${n} has its own seed`}
        />
        own seed
      </label>
      {lane.seed !== undefined && (
        <NumberField
          value={lane.seed}
          name={`${n} seed`}
          check={(x) =>
            Number.isInteger(x) && x >= 0 && x <= 0xffffffff ? null : 'a whole number ≥ 0'
          }
          onCommit={(x) => setLaneSeed(lane.id, x)}
        />
      )}
      <label
        className="inline"
        title="Train several replicas from consecutive seeds: mean and spread"
      >
        replicas
        <select
          value={lane.seeds ?? 1}
          onChange={(e) => setLaneSeeds(lane.id, Number(e.target.value))}
          aria-label={`${n} replicas (seeds)`}
        >
          {Array.from({ length: MAX_SEEDS_PER_LANE }, (_, i) => (
            <option key={i} value={i + 1}>
              {i + 1}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}

export function TrainScriptButtons({ lane }: { lane: LaneConfig }) {
  const [text, setText] = useState<{ kind: string; code: string } | null>(null);
  const copy = async (kind: 'PyTorch' | 'Keras') => {
    // The script writers load on first use: not part of the first load.
    const { kerasTrainScript, pytorchTrainScript } = await import('../../../core/train/export');
    const config = useStore.getState().config;
    const code =
      kind === 'PyTorch' ? pytorchTrainScript(config, lane.id) : kerasTrainScript(config, lane.id);
    setText({ kind, code });
    navigator.clipboard?.writeText(code).then(
      () => pushMessage('info', `Copied ${lane.name}'s training script (${kind}).`),
      () => undefined, // the script is shown below to copy by hand
    );
  };
  return (
    <>
      <div className="lane-buttons">
        <button
          type="button"
          onClick={() => void copy('PyTorch')}
          aria-label={`Copy PyTorch training script of ${lane.name}`}
        >
          Copy PyTorch
        </button>
        <button
          type="button"
          onClick={() => void copy('Keras')}
          aria-label={`Copy Keras training script of ${lane.name}`}
        >
          Copy Keras
        </button>
      </div>
      {text && (
        <div className="pytorch">
          <textarea
            readOnly
            value={text.code}
            rows={12}
            aria-label={`${lane.name} as ${text.kind} code`}
          />
          <button
            type="button"
            onClick={() => setText(null)}
            aria-label={`Close the ${text.kind} code`}
          >
            Close
          </button>
        </div>
      )}
    </>
  );
}
