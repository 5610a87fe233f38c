// The GPU status banner (CPU fallback: why, and what to do) and dismissible messages.

import { dismissMessage, useStore } from '../store';

export function Banners() {
  const gpu = useStore((s) => s.view.gpu);
  const messages = useStore((s) => s.view.messages);
  return (
    <div className="banners">
      {gpu.kind === 'cpu-fallback' && (
        <div className="banner warning" role="status" data-testid="cpu-fallback">
          <span>
            <strong>No WebGPU: running on the CPU at reduced size.</strong> {gpu.reason} For the
            full GPU engine (big swarms, the grid in one dispatch) use Chrome or Edge 113+ with
            hardware acceleration on.
          </span>
        </div>
      )}
      {messages.map((m) => (
        <div
          key={m.id}
          className={`banner ${m.level}`}
          role={m.level === 'error' ? 'alert' : 'status'}
          data-testid="message"
        >
          <span>
            {m.text}
            {m.count > 1 && <span className="message-count"> (×{m.count})</span>}
          </span>
          <button type="button" onClick={() => dismissMessage(m.id)} aria-label="Dismiss message">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
