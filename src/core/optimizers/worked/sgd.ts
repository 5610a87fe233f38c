// Worked steps of SGD (momentum, Nesterov), Adagrad, RMSprop and Adadelta: the lines of
// src/core/optimizers/{sgd,adagrad,rmsprop,adadelta}.ts with the numbers written out.

import { fma } from '../../pymath';
import { firstMoment, secondMoment } from '../schema';
import { Sheet, flag, param, slot, texArg, texNum, type WorkedTemplate } from './types';

export const sgdWorked: WorkedTemplate = (input) => {
  const s = new Sheet();
  const mu = param(input, 'momentum');
  const tau = param(input, 'dampening');
  const lr = input.lr;
  const g = s.weightDecay(input);
  let d = g;
  if (mu !== 0) {
    const b0 = slot(input, 'momentum_buffer');
    const b =
      input.t === 1
        ? s.line('b_t', 'g_t', texArg(g), g, {
            torch: 'momentum_buffer',
            note: 'worked.note.bufferStart',
          })
        : s.line(
            'b_t',
            '\\mu b_{t-1} + (1-\\tau)\\,g_t',
            `${texArg(mu)}\\cdot${texArg(b0)} + ${texArg(1 - tau)}\\cdot${texArg(g)}`,
            fma(1 - tau, g, b0 * mu),
            { torch: 'momentum_buffer' },
          );
    d = flag(input, 'nesterov')
      ? s.line(
          'd_t',
          'g_t + \\mu b_t',
          `${texArg(g)} + ${texArg(mu)}\\cdot${texArg(b)}`,
          fma(mu, b, g),
          {
            note: 'worked.note.nesterov',
          },
        )
      : s.line('d_t', 'b_t', texArg(b), b);
  }
  return s.finish(input, '-\\eta\\,d_t', `-${texArg(lr)}\\cdot${texArg(d)}`, fma(-lr, d, input.x));
};

export const adagradWorked: WorkedTemplate = (input) => {
  const s = new Sheet();
  const g = s.weightDecay(input);
  const decay = param(input, 'lr_decay');
  const lrT =
    decay === 0
      ? input.lr / (input.scalars[0] ?? 1)
      : s.line(
          '\\tilde\\eta_t',
          '\\eta / (1 + (t-1)\\,\\text{lr\\_decay})',
          `${texArg(input.lr)} / (1 + ${input.t - 1}\\cdot${texArg(decay)})`,
          input.lr / (input.scalars[0] ?? 1),
        );
  const s0 = slot(input, 'sum');
  const sum = s.line('G_t', 'G_{t-1} + g_t^2', `${texArg(s0)} + ${texArg(g)}^2`, fma(g, g, s0), {
    torch: 'sum',
  });
  const eps = param(input, 'eps');
  const denom = s.line(
    '\\sqrt{G_t}+\\epsilon',
    '',
    `\\sqrt{${texNum(sum)}} + ${texArg(eps)}`,
    Math.sqrt(sum) + eps,
  );
  const eta = decay === 0 ? '\\eta' : '\\tilde\\eta_t';
  return s.finish(
    input,
    `-${eta}\\,g_t / (\\sqrt{G_t}+\\epsilon)`,
    `-${texArg(lrT)}\\cdot${texArg(g)} / ${texArg(denom)}`,
    input.x + (-lrT * g) / denom,
  );
};

export const rmspropWorked: WorkedTemplate = (input) => {
  const s = new Sheet();
  const g = s.weightDecay(input);
  const alpha = param(input, 'alpha');
  const eps = param(input, 'eps');
  const mu = param(input, 'momentum');
  const v0 = slot(input, 'square_avg');
  const v = s.line(
    'v_t',
    '\\alpha v_{t-1} + (1-\\alpha)\\,g_t^2',
    `${texArg(alpha)}\\cdot${texArg(v0)} + ${texArg(1 - alpha)}\\cdot${texArg(g)}^2`,
    secondMoment(v0, g, alpha, 1 - alpha),
    { torch: 'square_avg' },
  );
  let a: number;
  if (flag(input, 'centered')) {
    const gb0 = slot(input, 'grad_avg');
    const gb = s.line(
      '\\bar g_t',
      '\\alpha \\bar g_{t-1} + (1-\\alpha)\\,g_t',
      `${texArg(alpha)}\\cdot${texArg(gb0)} + ${texArg(1 - alpha)}\\cdot${texArg(g)}`,
      firstMoment(gb0, g, alpha, 1 - alpha),
      { torch: 'grad_avg' },
    );
    a = s.line(
      'a_t',
      '\\sqrt{v_t - \\bar g_t^2} + \\epsilon',
      `\\sqrt{${texNum(v)} - ${texArg(gb)}^2} + ${texArg(eps)}`,
      Math.sqrt(fma(-1 * gb, gb, v)) + eps,
      { note: 'worked.note.centered' },
    );
  } else {
    a = s.line(
      'a_t',
      '\\sqrt{v_t} + \\epsilon',
      `\\sqrt{${texNum(v)}} + ${texArg(eps)}`,
      Math.sqrt(v) + eps,
    );
  }
  if (mu > 0) {
    const b0 = slot(input, 'momentum_buffer');
    const b = s.line(
      'b_t',
      '\\mu b_{t-1} + g_t / a_t',
      `${texArg(mu)}\\cdot${texArg(b0)} + ${texArg(g)} / ${texArg(a)}`,
      b0 * mu + g / a,
      { torch: 'momentum_buffer' },
    );
    return s.finish(
      input,
      '-\\eta\\,b_t',
      `-${texArg(input.lr)}\\cdot${texArg(b)}`,
      fma(-input.lr, b, input.x),
    );
  }
  return s.finish(
    input,
    '-\\eta\\,g_t / a_t',
    `-${texArg(input.lr)}\\cdot${texArg(g)} / ${texArg(a)}`,
    input.x + (-input.lr * g) / a,
  );
};

export const adadeltaWorked: WorkedTemplate = (input) => {
  const s = new Sheet();
  const g = s.weightDecay(input);
  const rho = param(input, 'rho');
  const eps = param(input, 'eps');
  const v0 = slot(input, 'square_avg');
  const u0 = slot(input, 'acc_delta');
  const v = s.line(
    'v_t',
    '\\rho v_{t-1} + (1-\\rho)\\,g_t^2',
    `${texArg(rho)}\\cdot${texArg(v0)} + ${texArg(1 - rho)}\\cdot${texArg(g)}^2`,
    secondMoment(v0, g, rho, 1 - rho),
    { torch: 'square_avg' },
  );
  const delta = s.line(
    '\\delta_t',
    '\\frac{\\sqrt{u_{t-1}+\\epsilon}}{\\sqrt{v_t+\\epsilon}}\\,g_t',
    `\\frac{\\sqrt{${texNum(u0)} + ${texArg(eps)}}}{\\sqrt{${texNum(v)} + ${texArg(eps)}}}\\cdot${texArg(g)}`,
    (Math.sqrt(u0 + eps) / Math.sqrt(v + eps)) * g,
  );
  s.line(
    'u_t',
    '\\rho u_{t-1} + (1-\\rho)\\,\\delta_t^2',
    `${texArg(rho)}\\cdot${texArg(u0)} + ${texArg(1 - rho)}\\cdot${texArg(delta)}^2`,
    secondMoment(u0, delta, rho, 1 - rho),
    { torch: 'acc_delta' },
  );
  return s.finish(
    input,
    '-\\eta\\,\\delta_t',
    `-${texArg(input.lr)}\\cdot${texArg(delta)}`,
    fma(-input.lr, delta, input.x),
  );
};
