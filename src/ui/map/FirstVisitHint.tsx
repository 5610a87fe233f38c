// One line of guidance on the map for a first visit: what the dots are and that the start can
// be moved. Dismissed once, remembered in localStorage (never shown in embeds).

import { useState } from 'react';

const TEXT = {
  hint:
    'Each coloured path is one optimizer, all starting from the white ring; the dots show ' +
    'where each one is at the current step. Drag the ring (on a touch screen: “Move start”, ' +
    'then drag) to start somewhere else.',
  dismiss: 'Got it',
  dismissLabel: 'Dismiss this hint',
} as const;

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
  const [shown, setShown] = useState(() => !dismissedBefore());
  if (!shown) return null;
  return (
    <div className="first-visit-hint" role="note">
      <span>{TEXT.hint}</span>
      <button
        type="button"
        aria-label={TEXT.dismissLabel}
        onClick={() => {
          remember();
          setShown(false);
        }}
      >
        {TEXT.dismiss}
      </button>
    </div>
  );
}
