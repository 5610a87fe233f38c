// The legend of a sweep image: the colour ramp with its range (bright = low = good) and the
// swatches of the colours outside it (diverged, never reached).

import { viridis } from '../../core/explore/colours';
import { fmt } from '../format';

interface Props {
  readonly title: string;
  /** The ramp's [low, high]: log10 units when `log`. */
  readonly range: readonly [number, number];
  readonly log: boolean;
  readonly extra: readonly { readonly color: string; readonly text: string }[];
}

export function ColourScale({ title, range, log, extra }: Props) {
  const stops = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const [r, g, b] = viridis(1 - f);
    return `rgb(${Math.round(r)},${Math.round(g)},${Math.round(b)}) ${f * 100}%`;
  });
  const value = (v: number): string => fmt(log ? 10 ** v : v, 3);
  return (
    <div className="colour-scale">
      <span className="colour-scale-title">{title}</span>
      <span>{value(range[0])}</span>
      <span
        className="colour-ramp"
        style={{ background: `linear-gradient(to right, ${stops.join(', ')})` }}
      />
      <span>{value(range[1])}</span>
      {extra.map((e) => (
        <span key={e.text} className="colour-swatch">
          <span style={{ background: e.color }} aria-hidden="true" />
          {e.text}
        </span>
      ))}
    </div>
  );
}
