import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, openFromLink } from './ui/App';
import { ErrorBoundary } from './ui/components/ErrorBoundary';
import { useStore } from './ui/store';
import { getResults } from './ui/results';
import { getTrainResults } from './ui/train/trainResults';
import './ui/styles.css';
import { startLanguageSync } from './ui/i18n';

// Read-only hook for the end-to-end tests and the curious (tests/e2e/app-hook.ts).
(window as unknown as { __descentLab: unknown }).__descentLab = {
  getState: useStore.getState,
  getResults,
  getTrainResults,
};

startLanguageSync();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// Synchronous for most links; a link to a typed surface first loads the formula parser. Not a
// top-level await: the parser's chunk imports this one, which must have finished evaluating.
void openFromLink().then(() =>
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </StrictMode>,
  ),
);
