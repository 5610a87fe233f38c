// What a lane card shows in the Train view: its status and test accuracy ("test accuracy
// 91.3 %"), why it stopped, its seeds, and the buttons that copy its whole training script.

import { useState } from 'react';
import { i18n, useTranslation } from '../../i18n';
import { MAX_SEEDS_PER_LANE, type LaneConfig } from '../../../core/config';
import { pushMessage, useStore } from '../../store';
import { NumberField } from '../../components/ParamControl';
import { setLaneSeed, setLaneSeeds } from '../actions';
import { accuracyText, useTrainResults } from '../useTrainResults';

export function TrainLaneStatus({ lane }: { lane: LaneConfig }) {
  const { t } = useTranslation();
  const { results } = useTrainResults();
  const result = results?.lanes.find((r) => r.laneId === lane.id);
  if (!result) return null;
  const last = result.evals[result.evals.length - 1];
  const epoch = Math.floor(result.step / result.epochSteps);
  return (
    <div className={`train-lane-status ${result.status}`} role="status">
      <span className="lane-state">
        {t('trainLane.state', {
          status: t(`trainLane.${result.status}`),
          epoch,
          epochs: result.totalSteps / result.epochSteps,
        })}
      </span>
      {last?.accuracy !== null && last?.accuracy !== undefined && (
        <strong className="lane-accuracy">{accuracyText(last.accuracy)}</strong>
      )}
      {last && last.accuracy === null && (
        <strong className="lane-accuracy">
          {t('trainLane.heldOutLoss', { loss: last.loss.toPrecision(4) })}
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
  const { t } = useTranslation();
  const shared = useStore((s) => s.config.train.seed);
  const n = lane.name;
  return (
    <fieldset className="train-seeds">
      <legend>{t('trainLane.seeds')}</legend>
      <label className="toggle small" title={t('trainLane.ownSeedTitle')}>
        <input
          type="checkbox"
          checked={lane.seed !== undefined}
          onChange={(e) => setLaneSeed(lane.id, e.target.checked ? shared + 1000 : null)}
          aria-label={t('trainLane.ownSeedAria', { name: n })}
        />
        {t('trainLane.ownSeed')}
      </label>
      {lane.seed !== undefined && (
        <NumberField
          value={lane.seed}
          name={t('trainLane.seedName', { name: n })}
          check={(x) =>
            Number.isInteger(x) && x >= 0 && x <= 0xffffffff ? null : t('trainLane.wholeSeed')
          }
          onCommit={(x) => setLaneSeed(lane.id, x)}
        />
      )}
      <label className="inline" title={t('trainLane.replicasTitle')}>
        {t('trainLane.replicas')}
        <select
          value={lane.seeds ?? 1}
          onChange={(e) => setLaneSeeds(lane.id, Number(e.target.value))}
          aria-label={t('trainLane.replicasAria', { name: n })}
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
      () => pushMessage('info', i18n.t('trainLane.copied', { name: lane.name, kind })),
      () => undefined, // the script is shown below to copy by hand
    );
  };
  return (
    <>
      <div className="lane-buttons">
        <button
          type="button"
          onClick={() => void copy('PyTorch')}
          aria-label={t('trainLane.copyAria', { kind: 'PyTorch', name: lane.name })}
        >
          {t('trainLane.copy', { kind: 'PyTorch' })}
        </button>
        <button
          type="button"
          onClick={() => void copy('Keras')}
          aria-label={t('trainLane.copyAria', { kind: 'Keras', name: lane.name })}
        >
          {t('trainLane.copy', { kind: 'Keras' })}
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
