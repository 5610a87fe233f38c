// One line of guidance on the map for a first visit: what the dots are and that the start can
// be moved. Dismissed once, remembered in localStorage (never shown in embeds).

import { useState } from 'react';
import { useTranslation } from '../i18n';

/** The localStorage key that remembers the hint was dismissed (tests set it to skip it). */
export const HINT_DISMISSED_KEY = 'descent-lab.hint-dismissed';

function dismissedBefore(): boolean {
  try {
    return globalThis.localStorage?.getItem(HINT_DISMISSED_KEY) === '1';
  } catch {
    return true; // storage blocked (a sandboxed frame): no hint rather than one each visit
  }
}

function remember(): void {
  try {
    globalThis.localStorage?.setItem(HINT_DISMISSED_KEY, '1');
  } catch {
    // storage blocked: dismissed for this page only
  }
}

export function FirstVisitHint() {
  const { t } = useTranslation();
  const [shown, setShown] = useState(() => !dismissedBefore());
  if (!shown) return null;
  return (
    <div className="first-visit-hint" role="note">
      <span>{t('hint.text')}</span>
      <button
        type="button"
        aria-label={t('hint.dismissLabel')}
        onClick={() => {
          remember();
          setShown(false);
        }}
      >
        {t('hint.dismiss')}
      </button>
    </div>
  );
}
