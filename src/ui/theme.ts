// Light or dark page: follows the system unless the user picked one, remembered in
// localStorage (not in the link: it is the reader's preference, not the figure's).

import { useSyncExternalStore } from 'react';
import './theme.css';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'descent-lab.theme';
const listeners = new Set<() => void>();

function stored(): ThemeChoice {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

let choice: ThemeChoice = stored();

const systemDark = (): boolean =>
  typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;

/** The theme in effect: the choice, or the system's. */
export function effectiveTheme(): 'light' | 'dark' {
  return choice === 'system' ? (systemDark() ? 'dark' : 'light') : choice;
}

function apply(): void {
  if (typeof document === 'undefined') return;
  // The attribute always names the theme in effect, so CSS and tests read one place.
  document.documentElement.dataset['theme'] = effectiveTheme();
  listeners.forEach((l) => l());
}

export function setTheme(next: ThemeChoice): void {
  choice = next;
  try {
    if (next === 'system') globalThis.localStorage?.removeItem(KEY);
    else globalThis.localStorage?.setItem(KEY, next);
  } catch {
    // storage blocked: the choice holds for this page only
  }
  apply();
}

export function useTheme(): 'light' | 'dark' {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    effectiveTheme,
    () => 'light',
  );
}

if (typeof matchMedia === 'function')
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', apply);
apply();
