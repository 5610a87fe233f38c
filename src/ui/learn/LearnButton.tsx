// The toolbar's "Learn" button and the side panel it opens. The panel, its topics and their
// texts load on first open (React.lazy), so none of them is in the first bundle.

import { Suspense, lazy, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from '../i18n';

const LearnPanel = lazy(() => import('./LearnPanel'));

export function LearnButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('app.learn')}
      </button>
      {open &&
        createPortal(
          <Suspense
            fallback={
              <aside className="learn-panel" aria-busy="true">
                {t('learn.loading')}
              </aside>
            }
          >
            <LearnPanel onClose={() => setOpen(false)} />
          </Suspense>,
          document.body,
        )}
    </>
  );
}
