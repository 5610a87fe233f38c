// The last line of defence: an error thrown while drawing the page becomes a message with a
// way back (try again, or open the default setup), never a blank page. The setup that failed
// stays in the address bar until the user chooses, so it can be copied into a bug report.

import { Component, type ReactNode } from 'react';
import { defaultConfig } from '../../core/config';
import { messageOf } from '../../core/errors';
import { loadConfig } from '../store';
import { i18n } from '../i18n';

interface State {
  readonly error: string | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: messageOf(error) };
  }

  override componentDidCatch(error: unknown): void {
    // Kept in the console for bug reports; the page shows the message below.
    console.warn('Descent Lab could not draw the page:', error);
  }

  private retry = () => this.setState({ error: null });

  private openDefault = () => {
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
    loadConfig(defaultConfig());
    this.setState({ error: null });
  };

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <main className="crash" role="alert">
        <h1>{i18n.t('messages.crash')}</h1>
        <p>{this.state.error}</p>
        <p>
          <button type="button" onClick={this.openDefault}>
            {i18n.t('messages.openDefault')}
          </button>{' '}
          <button type="button" onClick={this.retry}>
            {i18n.t('messages.tryAgain')}
          </button>
        </p>
      </main>
    );
  }
}
