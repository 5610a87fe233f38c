// A batch kind's progress bar with its Cancel button (src/ui/compute/jobs.ts): shown once a
// job has run SHOW_PROGRESS_AFTER_MS, so quick recomputes never flicker; after a cancel, a
// note and "Run again".

import { useEffect, useState } from 'react';
import { nameOf, useTranslation } from '../i18n';
import { cancelJob, runAgain } from '../compute';
import { SHOW_PROGRESS_AFTER_MS, useJobs } from '../compute/jobs';

export function JobProgress({ kind }: { kind: string }) {
  const { t } = useTranslation();
  const job = useJobs((s) => s[kind]);
  // The start time of the job whose bar may show (its SHOW_PROGRESS_AFTER_MS have passed).
  const [shownFor, setShownFor] = useState<number | null>(null);
  const startedAt = job?.startedAt ?? 0;
  const running = job?.status === 'running';
  useEffect(() => {
    if (!running) return;
    const left = SHOW_PROGRESS_AFTER_MS - (performance.now() - startedAt);
    const timer = setTimeout(() => setShownFor(startedAt), Math.max(0, left));
    return () => clearTimeout(timer);
  }, [running, startedAt]);
  const waiting = running && shownFor !== startedAt;
  if (!job || waiting) return null;
  const label = nameOf(job.label);
  if (job.status === 'cancelled')
    return (
      <div className="job-progress" role="status" data-job={kind} data-status="cancelled">
        <span>{t('jobs.cancelled', { label })}</span>
        <button type="button" onClick={() => runAgain(kind)}>
          {t('jobs.runAgain')}
        </button>
      </div>
    );
  const percent = Math.round(job.fraction * 100);
  return (
    <div className="job-progress" role="status" data-job={kind} data-status="running">
      <span>
        {label} ({job.engine === 'gpu' ? 'GPU' : 'CPU'})
      </span>
      <progress max={100} value={percent} aria-label={t('jobs.progress', { label })} />
      <span className="job-percent">{percent} %</span>
      <button type="button" onClick={() => cancelJob(kind)}>
        {t('jobs.cancel')}
      </button>
    </div>
  );
}
