// "Skip to map / lanes / charts": the page's first tab stops, shown when focused. They move
// focus by script rather than by '#id' navigation: the hash holds the shared config.

import { useTranslation } from '../i18n';

const TARGETS = ['map', 'lanes', 'charts'] as const;

/** Focuses the region's own keyboard control (the 2-D map marks it) or the region itself. */
function focusRegion(id: string): void {
  const region = document.getElementById(id);
  if (!region) return;
  const inner = region.querySelector<HTMLElement>('[data-skip-target]');
  (inner ?? region).focus();
}

export function SkipLinks() {
  const { t } = useTranslation();
  return (
    <nav className="skip-links" aria-label={t('skip.nav')}>
      {TARGETS.map((id) => (
        <a
          key={id}
          href={`#${id}`}
          onClick={(e) => {
            e.preventDefault();
            focusRegion(id);
          }}
        >
          {t(`skip.${id}`)}
        </a>
      ))}
    </nav>
  );
}
