// The toolbar's animated export ("WebM" records the paths growing over the run, with a
// progress bar and Cancel while it records) and the light/dark switch.

import { useRef, useState } from 'react';
import { i18n, useTranslation } from '../i18n';
import { download } from '../snapshot';
import { pushMessage } from '../store';
import { setTheme, useTheme } from '../theme';

export function WebmButton({ surfaceId }: { surfaceId: string }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<number | null>(null);
  const abort = useRef<AbortController | null>(null);
  const start = async () => {
    // The recorder loads on first use: not part of the first load.
    const { recordWebm, webmType } = await import('../map/recordWebm');
    if (!webmType()) {
      pushMessage('warning', i18n.t('export.cannot'));
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setProgress(0);
    recordWebm({ signal: controller.signal, onProgress: setProgress })
      .then(
        (blob) => download(blob, `descent-lab-${surfaceId}.webm`),
        (e: unknown) => {
          if ((e as Error).name !== 'AbortError')
            pushMessage('error', i18n.t('export.failed', { message: (e as Error).message }));
        },
      )
      .finally(() => {
        abort.current = null;
        setProgress(null);
      });
  };
  if (progress === null)
    return (
      <button type="button" onClick={() => void start()} title={t('export.webmTitle')}>
        WebM
      </button>
    );
  return (
    <span className="webm-progress" role="status">
      <progress value={progress} max={1} aria-label={t('export.recording')} />
      <button type="button" onClick={() => abort.current?.abort()}>
        {t('jobs.cancel')}
      </button>
    </span>
  );
}

/** Light/dark switch: flips the theme in effect and remembers the choice. */
export function ThemeToggle() {
  const { t } = useTranslation();
  const theme = useTheme();
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="theme-toggle"
      aria-pressed={theme === 'dark'}
      onClick={() => setTheme(next)}
      title={next === 'dark' ? t('export.toDark') : t('export.toLight')}
    >
      {theme === 'dark' ? t('export.light') : t('export.dark')}
    </button>
  );
}
