// The interface language: i18next with English bundled and Simplified Chinese loaded on first
// use. The language lives in the config (`lang` in the link), so this module follows the store:
// a link with lang=zh, a hash change or the toolbar's switch all go through `config.lang`.

import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../core/config';
import { setConfig, useStore } from '../store';
import { en, type Strings } from './en';

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  lng: 'en',
  fallbackLng: 'en',
  resources: { en: { translation: en } },
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

let zhLoading: Promise<void> | null = null;

/** Loads the Chinese table once (its own chunk). */
function loadChinese(): Promise<void> {
  zhLoading ??= Promise.all([import('./zh'), import('./zhRegistry')]).then(
    ([{ zh }, { zhRegistry }]) => {
      i18n.addResourceBundle('zh', 'translation', zh, true, true);
      i18n.addResourceBundle('zh', 'registry', zhRegistry, true, true);
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

/**
 * A lazy view's own strings (an i18next namespace): added when its chunk loads, in both
 * languages, so the first load carries none of them. Call at the chunk's top level.
 */
export function addStrings(ns: string, tables: { en: Strings; zh: Strings }): void {
  if (i18n.hasResourceBundle('en', ns)) return;
  i18n.addResourceBundle('en', ns, tables.en);
  i18n.addResourceBundle('zh', ns, tables.zh);
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
