// What a lane card shows in the Train view: its status and test accuracy ("test accuracy
// 91.3 %"), why it stopped, its seeds, and the buttons that copy its whole training script.

import { useState } from 'react';
import { useTranslation } from '../../i18n';
import { MAX_SEEDS_PER_LANE, type LaneConfig } from '../../../core/config';
import { pushMessage, useStore } from '../../store';
import { NumberField } from '../../components/ParamControl';
import { setLaneSeed, setLaneSeeds } from '../actions';
import { useTrainResults } from '../useTrainResults';
import { tt } from '../strings';

/** "test accuracy 91.3 %": one decimal, a space before the percent sign. */
function accuracyText(accuracy: number): string {
  return tt('card.accuracy', { percent: (100 * accuracy).toFixed(1) });
}

export function TrainLaneStatus({ lane }: { lane: LaneConfig }) {
  useTranslation(); // re-renders on a language switch
  const { results } = useTrainResults();
  const result = results?.lanes.find((r) => r.laneId === lane.id);
  if (!result) return null;
  const last = result.evals[result.evals.length - 1];
  const epoch = Math.floor(result.step / result.epochSteps);
  return (
    <div className={`train-lane-status ${result.status}`} role="status">
      <span className="lane-state">
        {tt('card.state', {
          status: tt(`card.${result.status}`),
          epoch,
          epochs: result.totalSteps / result.epochSteps,
        })}
      </span>
      {last?.accuracy !== null && last?.accuracy !== undefined && (
        <strong className="lane-accuracy">{accuracyText(last.accuracy)}</strong>
      )}
      {last && last.accuracy === null && (
        <strong className="lane-accuracy">
          {tt('card.heldOutLoss', { loss: last.loss.toPrecision(4) })}
        </strong>
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
  useTranslation(); // re-renders on a language switch
  const shared = useStore((s) => s.config.train.seed);
  const n = lane.name;
  return (
    <fieldset className="train-seeds">
      <legend>{tt('card.seeds')}</legend>
      <label className="toggle small" title={tt('card.ownSeedTitle')}>
        <input
          type="checkbox"
          checked={lane.seed !== undefined}
          onChange={(e) => setLaneSeed(lane.id, e.target.checked ? shared + 1000 : null)}
          aria-label={tt('card.ownSeedAria', { name: n })}
        />
        {tt('card.ownSeed')}
      </label>
      {lane.seed !== undefined && (
        <NumberField
          value={lane.seed}
          name={tt('card.seedName', { name: n })}
          check={(x) =>
            Number.isInteger(x) && x >= 0 && x <= 0xffffffff ? null : tt('card.wholeSeed')
          }
          onCommit={(x) => setLaneSeed(lane.id, x)}
        />
      )}
      <label className="inline" title={tt('card.replicasTitle')}>
        {tt('card.replicas')}
        <select
          value={lane.seeds ?? 1}
          onChange={(e) => setLaneSeeds(lane.id, Number(e.target.value))}
          aria-label={tt('card.replicasAria', { name: n })}
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
  const { t } = useTranslation();
  const [text, setText] = useState<{ kind: string; code: string } | null>(null);
  const copy = async (kind: 'PyTorch' | 'Keras') => {
    // The script writers load on first use: not part of the first load.
    const { kerasTrainScript, pytorchTrainScript } = await import('../../../core/train/export');
    const config = useStore.getState().config;
    const code =
      kind === 'PyTorch' ? pytorchTrainScript(config, lane.id) : kerasTrainScript(config, lane.id);
    setText({ kind, code });
    navigator.clipboard?.writeText(code).then(
      () => pushMessage('info', tt('card.copied', { name: lane.name, kind })),
      () => undefined, // the script is shown below to copy by hand
    );
  };
  return (
    <>
      <div className="lane-buttons">
        <button
          type="button"
          onClick={() => void copy('PyTorch')}
          aria-label={tt('card.copyAria', { kind: 'PyTorch', name: lane.name })}
        >
          {tt('card.copy', { kind: 'PyTorch' })}
        </button>
        <button
          type="button"
          onClick={() => void copy('Keras')}
          aria-label={tt('card.copyAria', { kind: 'Keras', name: lane.name })}
        >
          {tt('card.copy', { kind: 'Keras' })}
        </button>
      </div>
      {text && (
        <div className="pytorch">
          <textarea
            readOnly
            value={text.code}
            rows={12}
            aria-label={t('lanes.scriptCode', { name: lane.name, framework: text.kind })}
          />
          <button
            type="button"
            onClick={() => setText(null)}
            aria-label={t('lanes.closeScript', { framework: text.kind })}
          >
            {t('lanes.close')}
          </button>
        </div>
      )}
    </>
  );
}
