// The GPU status banner (CPU fallback: why, and what to do) and dismissible messages.

import { useTranslation } from '../i18n';
import { coreText } from '../i18n/coreText';
import { dismissMessage, useStore } from '../store';

export function Banners() {
  const { t } = useTranslation();
  const gpu = useStore((s) => s.view.gpu);
  const messages = useStore((s) => s.view.messages);
  return (
    <div className="banners">
      {gpu.kind === 'cpu-fallback' && (
        <div className="banner warning" role="status" data-testid="cpu-fallback">
          <span>
            <strong>{t('banners.noWebGpu')}</strong> {coreText(gpu.reason)}{' '}
            {t('banners.noWebGpuAdvice')}
          </span>
        </div>
      )}
      {messages.map((m) => (
        <div
          key={m.id}
          className={`banner ${m.level}`}
          role={m.level === 'error' ? 'alert' : 'status'}
          data-testid="message"
        >
          <span>
            {m.render ? m.render() : m.text}
            {m.count > 1 && <span className="message-count"> (×{m.count})</span>}
          </span>
          <button
            type="button"
            onClick={() => dismissMessage(m.id)}
            aria-label={t('banners.dismiss')}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
