// The interface language: i18next with English bundled and Simplified Chinese loaded on first
// use. The language lives in the config (`lang` in the link), so this module follows the store:
// a link with lang=zh, a hash change or the toolbar's switch all go through `config.lang`.
// Components read texts through useTranslation() below: a hook over i18next's own events, which
// is all the app needs of react-i18next (and 2 kB less in the first load).

import i18next, { type TFunction } from 'i18next';
import { useMemo, useSyncExternalStore } from 'react';
import type { Language } from '../../core/config';
import { setConfig, useStore } from '../store';
import { en, type Strings } from './en';

export const i18n = i18next.createInstance();
void i18n.init({
  lng: 'en',
  fallbackLng: 'en',
  resources: { en: { translation: en } },
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

let zhLoading: Promise<void> | null = null;

/** Loads the Chinese table once (its own chunk). */
function loadChinese(): Promise<void> {
  zhLoading ??= Promise.all([import('./zh'), import('./zhRegistry'), import('./zhMessages')]).then(
    ([{ zh }, { zhRegistry }, { zhMessages }]) => {
      i18n.addResourceBundle('zh', 'translation', zh, true, true);
      i18n.addResourceBundle('zh', 'registry', zhRegistry, true, true);
      i18n.addResourceBundle('zh', 'core', zhMessages, true, true);
    },
  );
  return zhLoading;
}

async function apply(lang: Language): Promise<void> {
  if (lang === 'zh') await loadChinese();
  // A later switch may have happened while the table loaded.
  if (useStore.getState().config.lang !== lang) return;
  await i18n.changeLanguage(lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

/** The toolbar's switch: the config (hence the link) carries the choice. */
export function setLanguage(lang: Language): void {
  setConfig({ lang });
}

/** Follows config.lang from now on (and applies the current one); returns a disposer. */
export function startLanguageSync(): () => void {
  void apply(useStore.getState().config.lang);
  return useStore.subscribe((s, prev) => {
    if (s.config.lang !== prev.config.lang) void apply(s.config.lang);
  });
}

/** Bumped whenever texts may have changed: a language switch, or a table added. */
let textsVersion = 0;

function subscribeTexts(onChange: () => void): () => void {
  const bump = () => {
    textsVersion++;
    onChange();
  };
  i18n.on('languageChanged', bump);
  i18n.store.on('added', bump);
  return () => {
    i18n.off('languageChanged', bump);
    i18n.store.off('added', bump);
  };
}

/** The interface texts in the current language; re-renders the component on a switch. */
export function useTranslation(namespace?: string): { t: TFunction; i18n: typeof i18n } {
  const version = useSyncExternalStore(subscribeTexts, () => textsVersion);
  const language = i18n.language;
  // A new t per language (and per added table), so memoised children that take t re-render.
  const t = useMemo(
    () => i18n.getFixedT(language, namespace ?? null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version marks new texts
    [language, namespace, version],
  );
  return { t, i18n };
}

/** A table's keys, a plural pair (x_one, x_other) asked for as x (with a count). */
export type StringKey<T> = {
  [K in keyof T]: K extends `${infer Base}_${'one' | 'other'}` ? Base : K;
}[keyof T];

/** A lazy view's strings: its namespace and a translate function for code outside React. */
export interface ViewStrings<T> {
  readonly ns: string;
  readonly tables: { readonly en: T; readonly zh: T };
  /** The string `key` in the interface language. */
  t(key: StringKey<T> & string, options?: Record<string, unknown>): string;
}

/**
 * A lazy view's own strings (an i18next namespace): added when its chunk loads, in both
 * languages, so the first load carries none of them. Call at the chunk's top level;
 * components read them with useTranslation(ns).
 */
export function viewStrings<T extends Strings>(
  ns: string,
  tables: { en: T; zh: T },
): ViewStrings<T> {
  if (!i18n.hasResourceBundle('en', ns)) {
    i18n.addResourceBundle('en', ns, tables.en);
    i18n.addResourceBundle('zh', ns, tables.zh);
  }
  return { ns, tables, t: (key, options) => i18n.t(key, { ns, ...options }) };
}

/**
 * A registry text (a surface's or preset's name and text, a parameter's label and help, a
 * task's title) in the interface language: English is the registry's own text, the key of
 * its Chinese in zhRegistry.ts. Components that show one call useTranslation() too, so a
 * language switch re-renders them.
 */
export function nameOf(english: string): string {
  return i18n.t(english, {
    ns: 'registry',
    keySeparator: false,
    nsSeparator: false,
    defaultValue: english,
  });
}
