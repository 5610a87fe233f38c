// The Train view (mode=train): every lane trains its own replica of the task's model, all
// together, with live curves and, for image tasks, the held-out digits, a confusion matrix and
// the first layer's weights. The lanes panel on the right holds the same sliders as the map's;
// moving one restarts that lane only. Registered as a full-page view in src/ui/allViews.ts.

import { useStore } from '../store';
import { nameOf, useTranslation } from '../i18n';
import { TRAIN_NS, tt } from './strings';
import { LanesPanel } from '../components/LanesPanel';
import { trainTask } from '../../core/train/trainConfig';
import { selectLane } from '../store';
import { resetTraining } from './actions';
import { useTrainResults } from './useTrainResults';
import { TrainControls } from './components/TrainControls';
import { TrainSettings } from './components/TrainSettings';
import { TrainCharts } from './components/TrainCharts';
import { DigitGrid } from './components/DigitGrid';
import { ConfusionMatrix } from './components/ConfusionMatrix';
import { LayerWeights } from './components/LayerWeights';
import { LineSurface } from './components/LineSurface';
import './train.css';

function Pictures() {
  useTranslation(TRAIN_NS); // re-renders on a language switch
  const { results, version } = useTrainResults();
  const lanes = useStore((s) => s.config.lanes);
  const selected = useStore((s) => s.config.selectedLane);
  if (!results || results.test.rows === 0) return null;
  const lane = lanes.find((l) => l.id === selected) ?? lanes.find((l) => l.visible) ?? lanes[0];
  const result = results.lanes.find((r) => r.laneId === lane?.id) ?? null;
  const source = results.task.source;
  return (
    <section className="panel train-pictures" aria-label={tt('pictures')}>
      {source === 'line' && <LineSurface results={results} lanes={lanes} version={version} />}
      {results.imageSide !== null && (
        // Predictions change only when an evaluation lands.
        <DigitGrid
          results={results}
          lanes={lanes}
          version={results.lanes.reduce((n, l) => n + l.evals.length, 0)}
        />
      )}
      {results.classes > 0 && lane && (
        <div className="picture-lane">
          <label className="inline">
            {tt('lane')}
            <select
              value={lane.id}
              onChange={(e) => selectLane(e.target.value)}
              aria-label={tt('laneAria')}
            >
              {lanes.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          <ConfusionMatrix result={result} classes={results.classes} name={lane.name} />
          {results.firstLayer && (
            <LayerWeights result={result} shape={results.firstLayer} name={lane.name} />
          )}
        </div>
      )}
    </section>
  );
}

export function TrainView() {
  useTranslation(TRAIN_NS); // re-renders on a language switch
  const { results, version } = useTrainResults();
  const train = useStore((s) => s.config.train);
  const task = trainTask(train);
  return (
    <div className="train-view">
      <TrainControls results={results} />
      <p className="task-text">{nameOf(task.description)}</p>
      {results?.error && (
        <p className="train-error" role="alert">
          {results.error}{' '}
          {/* A file that was missing may be there now; the page need not be reloaded. */}
          <button type="button" onClick={resetTraining}>
            {tt('tryAgain')}
          </button>
        </p>
      )}
      <div className="layout">
        <div className="train-main">
          <TrainCharts results={results} version={version} />
          <Pictures />
          <TrainSettings />
        </div>
        <LanesPanel />
      </div>
    </div>
  );
}
