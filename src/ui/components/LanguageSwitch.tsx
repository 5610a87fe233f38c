// English / 中文 in the toolbar: sets config.lang, so the link carries the choice (lang=zh).

import { setLanguage, useTranslation } from '../i18n';
import { useStore } from '../store';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const lang = useStore((s) => s.config.lang);
  return (
    <div role="group" aria-label={t('app.language')} className="segmented">
      <button
        type="button"
        lang="en"
        aria-pressed={lang === 'en'}
        onClick={() => setLanguage('en')}
      >
        English
      </button>
      <button
        type="button"
        lang="zh-CN"
        aria-pressed={lang === 'zh'}
        onClick={() => setLanguage('zh')}
      >
        中文
      </button>
    </div>
  );
}
