// A lane's confusion matrix at its last held-out evaluation: rows are the true classes,
// columns the predicted ones, each cell shaded by its share of its row (the diagonal is right).

import { useTranslation } from '../../i18n';
import { TRAIN_NS, tt } from '../strings';
import { useMemo } from 'react';
import type { LaneTrainResult } from '../trainResults';
import { confusionShares } from './pictures';

export function ConfusionMatrix({
  result,
  classes,
  name,
}: {
  result: LaneTrainResult | null;
  classes: number;
  name: string;
}) {
  useTranslation(TRAIN_NS); // re-renders on a language switch
  const m = result?.confusion ?? null;
  const { shares, totals } = useMemo(
    () => confusionShares(m ?? new Uint32Array(classes * classes), classes),
    [m, classes],
  );
  return (
    <figure className="confusion" aria-label={tt('confusionOf', { name })}>
      <figcaption>confusion matrix: {name} (rows: true class, columns: predicted)</figcaption>
      {!m ? (
        <p className="empty-chart small">{tt('afterFirstEpoch')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col" aria-label={tt('trueClass')} />
              {Array.from({ length: classes }, (_, c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: classes }, (_, t) => {
              const total = totals[t] as number;
              return (
                <tr key={t}>
                  <th scope="row">{t}</th>
                  {Array.from({ length: classes }, (_, c) => {
                    const n = m[t * classes + c] as number;
                    const share = shares[t * classes + c] as number;
                    const hue = t === c ? '34, 139, 84' : '214, 69, 69';
                    return (
                      <td
                        key={c}
                        style={{
                          background: n > 0 ? `rgba(${hue}, ${0.12 + 0.88 * share})` : undefined,
                        }}
                        className={share > 0.55 ? 'strong' : undefined}
                        title={tt('cellTitle', { truth: t, predicted: c, n, total })}
                      >
                        {n > 0 ? n : ''}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </figure>
  );
}
