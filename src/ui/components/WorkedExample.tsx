// The worked example of the Explain panel: one coordinate of the step written out line by line
// (src/core/optimizers/worked: rule, numbers substituted, value), math names beside PyTorch's
// state names, typeset with KaTeX.

import { useState } from 'react';
import { useTranslation } from '../i18n';
import { texNum, workedStep, type WorkedLine } from '../../core/optimizers/worked';
import type { StepExplanation } from '../../core/simulate';
import type { ResolvedRun } from '../../core/types';
import { Tex } from '../math/Tex';
import './worked.css';

/** lhs = rule = numbers = value, without repeating a side that is already the number. */
function equation(line: WorkedLine): string {
  const value = texNum(line.value);
  const parts = [line.lhs];
  if (line.rule) parts.push(line.rule);
  if (line.numbers !== value) parts.push(line.numbers);
  parts.push(value);
  return parts.join(' = ');
}

export function WorkedExample({ run, e }: { run: ResolvedRun; e: StepExplanation }) {
  const { t } = useTranslation();
  const [coord, setCoord] = useState<0 | 1>(0);
  const worked = workedStep(run, e, coord);
  if (!worked) return null;
  const axis = coord === 0 ? 'x' : 'y';
  return (
    <div className="worked" data-testid="worked-example">
      <div className="worked-head">
        <h3>{t('explain.worked', { coord: axis })}</h3>
        <div role="group" aria-label={t('explain.coordinate')} className="segmented">
          {(['x', 'y'] as const).map((name, i) => (
            <button
              key={name}
              type="button"
              aria-pressed={coord === i}
              onClick={() => setCoord(i as 0 | 1)}
            >
              {name}
            </button>
          ))}
        </div>
      </div>
      <p className="note">{t('explain.stepNote')}</p>
      <table className="worked-lines">
        <thead>
          <tr>
            <th scope="col">{t('explain.mathName')}</th>
            <th scope="col">{t('explain.torchName')}</th>
            <th scope="col" />
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">
              <Tex tex="t" />
            </th>
            <td>
              <code>state["step"]</code>
            </td>
            <td>
              <Tex
                tex={`t = ${e.stepCount},\\quad \\theta_{t-1} = ${texNum(e.x[coord])},\\quad \\nabla f = ${texNum(e.gradient[coord])}`}
              />
            </td>
            <td />
          </tr>
          {worked.lines.map((line, i) => (
            <tr key={i}>
              <th scope="row">
                <Tex tex={line.lhs} />
              </th>
              <td>{line.torch ? <code>{line.torch}</code> : null}</td>
              <td>
                <Tex tex={equation(line)} />
              </td>
              <td className="worked-note">{line.note ? t(line.note) : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
