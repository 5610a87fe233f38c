// The Train view's bar: the task, play / pause / stop / reset, and progress (epochs, samples
// per second, time left), with where the replicas train and what is being prepared.

import { TASKS } from '../../../core/train/tasks';
import { nameOf, useTranslation } from '../../i18n';
import { TRAIN_NS, tt } from '../strings';
import { selectTask, pauseTraining, playTraining, resetTraining, stopTraining } from '../actions';
import { useStore } from '../../store';
import type { TrainResults } from '../trainResults';

function timeLeft(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '—';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  return tt('minutes', { n: Math.round(seconds / 60) });
}

/** Progress of the lanes still training (the slowest one): steps done of all. */
function progressOf(results: TrainResults | null, batchSize: number) {
  const lanes = results?.lanes ?? [];
  const active = lanes.filter((l) => l.status === 'running' || l.status === 'paused');
  const shown = active.length > 0 ? active : lanes;
  if (shown.length === 0) return null;
  const slowest = shown.reduce((a, b) => (b.step / b.totalSteps < a.step / a.totalSteps ? b : a));
  const epochs = slowest.totalSteps / slowest.epochSteps;
  const epoch = slowest.step / slowest.epochSteps;
  const leftSteps = active.reduce((sum, l) => sum + (l.totalSteps - l.step) * l.seeds, 0);
  const rate = results?.samplesPerSecond ?? 0;
  const seconds = rate > 0 ? (leftSteps * batchSize) / rate : NaN;
  return { epoch, epochs, share: slowest.step / slowest.totalSteps, seconds };
}

export function TrainControls({ results }: { results: TrainResults | null }) {
  useTranslation(TRAIN_NS); // re-renders on a language switch
  const task = useStore((s) => s.config.train.task);
  const training = useStore((s) => s.playback.training);
  const batchSize = useStore((s) => s.config.train.batchSize);
  const progress = progressOf(results, batchSize);
  const ready = results !== null && results.preparing === null && results.error === null;
  const engine =
    results?.engine === 'webgpu'
      ? tt('engineGpu')
      : results?.engine === 'cpu'
        ? tt('engineCpu')
        : null;
  return (
    <div className="train-controls" role="group" aria-label={tt('training')}>
      <label className="inline">
        {tt('task')}
        <select
          value={task}
          onChange={(e) => selectTask(e.target.value)}
          aria-label={tt('taskAria')}
        >
          {TASKS.map((t) => (
            <option key={t.id} value={t.id}>
              {nameOf(t.title)}
            </option>
          ))}
        </select>
      </label>
      <div className="train-buttons">
        {training === 'playing' ? (
          <button type="button" onClick={pauseTraining} aria-label={tt('pauseAria')}>
            {tt('pause')}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={playTraining}
            disabled={!ready}
            aria-label={training === 'paused' ? tt('resumeAria') : tt('trainAria')}
          >
            ▶ {training === 'paused' ? tt('resume') : tt('train')}
          </button>
        )}
        <button
          type="button"
          onClick={stopTraining}
          disabled={training !== 'playing' && training !== 'paused'}
          aria-label={tt('stopAria')}
        >
          ■ {tt('stop')}
        </button>
        <button type="button" onClick={resetTraining} aria-label={tt('resetAria')}>
          ↺ {tt('reset')}
        </button>
      </div>
      {/* No aria-live: the rates change every second, too often to be read out. */}
      <div className="train-progress">
        <progress max={1} value={progress?.share ?? 0} aria-label={tt('progressAria')} />
        <span>
          {progress
            ? tt('epochOf', {
                epoch: progress.epoch.toFixed(progress.epoch % 1 === 0 ? 0 : 1),
                epochs: progress.epochs,
              })
            : tt('noEpoch')}
          {/* The rates of the last second mean nothing once training pauses or ends. */}
          {training === 'playing' &&
            tt('rate', {
              steps: (results?.stepsPerSecond ?? 0).toFixed(1),
              samples: Math.round(results?.samplesPerSecond ?? 0).toLocaleString('en-US'),
            })}
          {training === 'playing' && progress
            ? tt('left', { time: timeLeft(progress.seconds) })
            : ''}
        </span>
      </div>
      {engine && <span className="engine">{engine}</span>}
      {results?.preparing && <span className="preparing">{results.preparing}</span>}
    </div>
  );
}
