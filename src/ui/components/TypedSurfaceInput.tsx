// The text field of "Your surface": f(x, y) checked on every keystroke by the same parser the
// link and the engines use (src/core/surfaceRef.ts). A valid text replaces the surface after a
// short pause (each new formula compiles a shader); an invalid one shows where it is wrong, and
// the map keeps the last valid surface.

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from '../i18n';
import { coreText } from '../i18n/coreText';
import { typedSurface } from '../../core/surfaceRef';
import { EXPRESSION_LIMITS } from '../../core/expr';

/** Pause after the last keystroke before a valid formula replaces the surface (ms). */
const COMMIT_DELAY_MS = 300;
/** Characters of context shown on each side of an error. */
const CONTEXT = 28;

interface Props {
  /** The committed (valid) formula: the surface the map shows. */
  readonly expression: string;
  readonly onCommit: (text: string) => void;
}

export function TypedSurfaceInput({ expression, onCommit }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(expression);
  const committed = useRef(expression);
  const id = useId();
  // A formula from elsewhere (a link, a preset, undo) replaces the field's text.
  useEffect(() => {
    if (expression !== committed.current) {
      committed.current = expression;
      setText(expression);
    }
  }, [expression]);
  const outcome = useMemo(() => typedSurface(text), [text]);
  useEffect(() => {
    if (!outcome.ok || text === committed.current) return;
    const timer = setTimeout(() => {
      committed.current = text;
      onCommit(text);
    }, COMMIT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [outcome, text, onCommit]);

  const errorId = `${id}-error`;
  return (
    <div className="typed-surface">
      <label className="inline">
        f(x, y) =
        <input
          type="text"
          className="formula-input"
          value={text}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          aria-label={t('typed.label')}
          aria-invalid={!outcome.ok}
          aria-describedby={outcome.ok ? `${id}-help` : errorId}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      {/* One fixed height for the help and the error: the map below does not jump. */}
      <div className="formula-note">
        {outcome.ok ? (
          <p className="formula-help" id={`${id}-help`}>
            {t('typed.help', {
              params: EXPRESSION_LIMITS.maxParams,
              length: EXPRESSION_LIMITS.maxLength,
              depth: EXPRESSION_LIMITS.maxDepth,
            })}
          </p>
        ) : (
          <FormulaError
            id={errorId}
            text={text}
            position={outcome.position}
            length={outcome.length}
            message={coreText(outcome.problem)}
          />
        )}
      </div>
    </div>
  );
}

/** The text around the fault with the fault underlined and a caret under it, then the message. */
function FormulaError(props: {
  id: string;
  text: string;
  position: number;
  length: number;
  message: string;
}) {
  const { t } = useTranslation();
  const { text, message } = props;
  const position = Math.max(0, Math.min(props.position, text.length));
  const length = Math.max(0, Math.min(props.length, text.length - position));
  const from = Math.max(0, position - CONTEXT);
  const to = Math.min(text.length, position + Math.max(length, 1) + CONTEXT);
  const lead = from > 0 ? '…' : '';
  const before = lead + text.slice(from, position);
  // Past the end (something missing): a space to put the caret under.
  const fault = text.slice(position, position + Math.min(length, 2 * CONTEXT)) || ' ';
  const after = text.slice(position + fault.length, to) + (to < text.length ? '…' : '');
  return (
    <div className="formula-error" id={props.id} role="alert">
      <pre className="formula-context" aria-hidden="true">
        {before}
        <span className="formula-fault">{fault}</span>
        {after}
        {'\n'}
        {' '.repeat(Array.from(before).length)}
        <span className="formula-caret">{'^'.repeat(Math.max(1, Array.from(fault).length))}</span>
      </pre>
      <span>{t('typed.error', { at: position + 1, message })}</span>
    </div>
  );
}
