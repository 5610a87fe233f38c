// Keeps the config slice and the URL hash in step: read once at start (and when the user edits
// the hash), written with history.replaceState after changes settle (no history spam).

import { CUSTOM_SURFACE_ID, loadTypedSurfaces, typedSurfacesLoaded } from '../core/surfaceRef';
import { decodeConfig, encodeConfig } from '../core/url-codec';
import { REGISTRIES } from './registry';
import { clearTopic, loadConfig, pushMessage, useStore } from './store';
import { i18n } from './i18n';
import { coreText } from './i18n/coreText';

const WRITE_DELAY_MS = 120;

/** The hash the current config encodes to. */
export function currentHash(): string {
  return encodeConfig(useStore.getState().config, REGISTRIES);
}

/** The shareable link of the current config. */
export function shareUrl(): string {
  const { origin, pathname, search } = window.location;
  return `${origin}${pathname}${search}#${currentHash()}`;
}

/** Whether a link names the typed surface (read as decodeConfig reads it: the first value). */
function needsTypedSurfaces(hash: string): boolean {
  try {
    return new URLSearchParams(hash.replace(/^#/, '')).get('surface') === CUSTOM_SURFACE_ID;
  } catch {
    return false;
  }
}

/**
 * Loads the config of the page's link (and says what was wrong with it). Synchronous unless
 * the link names a typed surface whose parser has not loaded yet: then it resolves once the
 * parser has loaded and the link is read.
 */
export function readHash(): Promise<void> | void {
  const hash = window.location.hash;
  if (needsTypedSurfaces(hash) && !typedSurfacesLoaded())
    return loadTypedSurfaces().then(
      () => {
        // A newer link may have replaced this one while the parser loaded.
        if (window.location.hash === hash) readHash();
      },
      () => {
        pushMessage('error', i18n.t('toolbar.parserLoadFailed'));
      },
    );
  applyLink(hash);
}

function applyLink(hash: string): void {
  const { config, messages } = decodeConfig(hash, REGISTRIES);
  loadConfig(config);
  // Each link's problems replace the previous link's: one message about the link at a time.
  if (messages.length === 0) clearTopic('link');
  else {
    const shown = messages.slice(0, 6);
    // Said when shown, so that a link with lang=zh is explained in Chinese once it has loaded.
    const say = () => {
      const more =
        messages.length > shown.length
          ? i18n.t('messages.more', { count: messages.length - shown.length })
          : '';
      const problems = shown.map(coreText).join(i18n.t('messages.listSeparator'));
      return i18n.t('messages.badLink', { problems, more });
    };
    pushMessage('warning', say, { topic: 'link' });
  }
}

/** Starts the two-way sync (the caller read the link first: readHash); returns a disposer. */
export function startUrlSync(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let written = window.location.hash.replace(/^#/, '');
  const write = () => {
    timer = null;
    const hash = currentHash();
    if (hash === written) return;
    written = hash;
    history.replaceState(history.state, '', `#${hash}`);
  };
  const unsubscribe = useStore.subscribe((s, prev) => {
    if (s.config === prev.config) return;
    if (timer === null) timer = setTimeout(write, WRITE_DELAY_MS);
  });
  const onHashChange = () => {
    if (window.location.hash.replace(/^#/, '') === written) return;
    written = window.location.hash.replace(/^#/, '');
    void readHash();
  };
  window.addEventListener('hashchange', onHashChange);
  return () => {
    unsubscribe();
    window.removeEventListener('hashchange', onHashChange);
    if (timer !== null) clearTimeout(timer);
  };
}
