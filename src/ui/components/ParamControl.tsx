// One hyperparameter: a slider (on the schema's scale) and a number field, or a toggle, a
// select or a list field. Every control has an accessible name; the slider is a native range
// input, so arrow keys move it.

import { useEffect, useId, useRef, useState } from 'react';
import { nameOf, useTranslation } from '../i18n';
import { coreText } from '../i18n/coreText';
import {
  sliderToValue,
  paramProblem,
  validateParam,
  valueToSlider,
  type NumberParam,
  type ParamSchema,
  type ParamValue,
} from '../../core/params';
import { fmt } from '../format';
import { formatParamValue, nearestStop, rateStops } from '../sliderStops';

const SLIDER_STEPS = 1000;

interface Props {
  readonly param: ParamSchema;
  readonly value: ParamValue;
  readonly onChange: (value: ParamValue) => void;
  /** Prefix for accessible names, e.g. the lane's name. */
  readonly context: string;
}

export function ParamControl({ param, value, onChange, context }: Props) {
  const id = useId();
  const { t } = useTranslation();
  // Registry labels are English; the i18n table names the common ones by their key, the
  // rest (surface and schedule parameters) by their English text.
  const label = t(`params.${param.key}`, { defaultValue: nameOf(param.label) });
  const help = nameOf(param.help);
  const title = `${label}${param.symbol ? ` (${param.symbol})` : ''}`;
  const name = `${context} ${label}`;
  switch (param.kind) {
    case 'boolean':
      return (
        <label className="param param-bool" title={help}>
          <input
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
            aria-label={name}
          />
          <span>{title}</span>
        </label>
      );
    case 'choice':
      return (
        <label className="param" title={help}>
          <span className="param-label">{title}</span>
          <select
            value={String(value)}
            onChange={(e) => onChange(e.target.value)}
            aria-label={name}
          >
            {param.options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
      );
    case 'list':
      return (
        <ListField param={param} value={value} onChange={onChange} name={name} title={title} />
      );
    case 'number': {
      const v = typeof value === 'number' ? value : param.default;
      // Rates close to 1 stop at values that read differently (src/ui/sliderStops.ts); the
      // other scales move in SLIDER_STEPS even steps.
      const stops = rateStops(param);
      const position = stops
        ? nearestStop(stops, v)
        : Math.round(valueToSlider(param, v) * SLIDER_STEPS);
      return (
        <div className="param" title={help}>
          <label className="param-label" htmlFor={`${id}-r`}>
            {title}
          </label>
          <div className="param-row">
            <input
              id={`${id}-r`}
              type="range"
              min={0}
              max={stops ? stops.length - 1 : SLIDER_STEPS}
              step={1}
              value={position}
              aria-label={name}
              aria-valuetext={formatParamValue(param, v)}
              onChange={(e) => {
                const at = Number(e.target.value);
                onChange(stops ? (stops[at] ?? v) : sliderValue(param, at));
              }}
            />
            <NumberField
              value={v}
              name={t('param.valueOf', { name })}
              check={(n) => problemText(param, n)}
              onCommit={onChange}
            />
          </div>
        </div>
      );
    }
  }
}

/** What is wrong with `value` for `param`, in the interface language; null when valid. */
function problemText(param: ParamSchema, value: unknown): string | null {
  const problem = paramProblem(param, value);
  return problem && coreText(problem);
}

/**
 * The value at a slider position of an evenly stepped slider, rounded to a short decimal (3
 * significant digits on a log scale, 4 on a linear one) when that still sits at the same
 * position, so the URL and the fields read 0.00102 rather than 0.0010232929922807542.
 */
export function sliderValue(param: NumberParam, position: number): number {
  const v = sliderToValue(param, position / SLIDER_STEPS);
  if (param.integer || v === 0) return v;
  let nice: number;
  if (param.scale === 'log') nice = Number(v.toPrecision(3));
  else nice = Number(v.toPrecision(4));
  const back = Math.round(valueToSlider(param, nice) * SLIDER_STEPS);
  return back === position && validateParam(param, nice) === null ? nice : v;
}

interface NumberFieldProps {
  readonly value: number;
  readonly name: string;
  readonly check: (n: number) => string | null;
  readonly onCommit: (n: number) => void;
  readonly className?: string;
}

/** How long typing pauses before a valid number is committed. */
const COMMIT_AFTER_MS = 500;

/**
 * A text field for a number. It commits a complete entry: on Enter, on leaving the field, or
 * when typing pauses with a valid value, never the valid prefix of what is being typed
 * (typing 100001 must not commit 10000 on the way). An invalid entry is marked with the
 * reason, and leaving the field brings back the value in force.
 */
export function NumberField({ value, name, check, onCommit, className }: NumberFieldProps) {
  const [text, setText] = useState(fmt(value, 6));
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState(value);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancelPending = () => {
    if (pending.current !== null) clearTimeout(pending.current);
    pending.current = null;
  };
  useEffect(() => cancelPending, []);
  // The value changed from outside (the slider, a preset): show it, unless the text already
  // reads as that value (the user is typing it).
  if (shown !== value) {
    setShown(value);
    if (Number(text) !== value) {
      setText(fmt(value, 6));
      setError(null);
    }
  }
  const parse = (t: string) => (t.trim() === '' ? NaN : Number(t));
  const commit = (t: string) => {
    cancelPending();
    const n = parse(t);
    if (check(n) === null && n !== value) onCommit(n);
  };
  return (
    <input
      className={`num ${className ?? ''}${error ? ' invalid' : ''}`}
      type="text"
      inputMode="decimal"
      value={text}
      aria-label={name}
      aria-invalid={error !== null}
      title={error ?? undefined}
      onChange={(e) => {
        const t = e.target.value;
        setText(t);
        const err = check(parse(t));
        setError(err);
        cancelPending();
        if (!err) pending.current = setTimeout(() => commit(t), COMMIT_AFTER_MS);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(e.currentTarget.value);
      }}
      onBlur={(e) => {
        commit(e.currentTarget.value);
        setText(
          fmt(
            check(parse(e.currentTarget.value)) === null ? parse(e.currentTarget.value) : value,
            6,
          ),
        );
        setError(null);
      }}
    />
  );
}

function ListField({
  param,
  value,
  onChange,
  name,
  title,
}: {
  param: ParamSchema;
  value: ParamValue;
  onChange: (v: ParamValue) => void;
  name: string;
  title: string;
}) {
  const list = Array.isArray(value) ? (value as readonly number[]) : [];
  const [text, setText] = useState(list.join(', '));
  const [error, setError] = useState<string | null>(null);
  return (
    <label className="param" title={nameOf(param.help)}>
      <span className="param-label">{title}</span>
      <input
        className={`num wide${error ? ' invalid' : ''}`}
        type="text"
        value={text}
        aria-label={name}
        aria-invalid={error !== null}
        title={error ?? undefined}
        onChange={(e) => {
          setText(e.target.value);
          const parts = e.target.value
            .split(/[,\s]+/)
            .filter((p) => p !== '')
            .map(Number);
          const err = problemText(param, parts);
          setError(err);
          if (!err) onChange(parts);
        }}
      />
    </label>
  );
}
