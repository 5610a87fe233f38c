// "Copy as Keras" and "Copy as optax" for a 2-D lane: runnable scripts that define the surface
// (exportSurface.ts), run the lane's optimizer from its start for its steps with the learning
// rate of each step as Descent Lab scheduled it (the run's lr column, so every schedule,
// ReduceLROnPlateau included, is reproduced exactly), clip the gradient as PyTorch does
// (clip_grad_norm_'s total_norm + 1e-6, then clip_grad_value_), and print `step x y loss`.
// Where the framework's optimizer is not PyTorch's to the digit, a comment says how.

import { defaultValues, num, bool, type ParamValues } from './params';
import { oneLine, pyValue } from './export';
import { surfacePython } from './exportSurface';
import { kerasOptimizer } from './train/exportKeras';
import type { OptimizerDef, ResolvedRun } from './types';

const py = (v: number): string => pyValue(v);

/** The learning rate of every step as a Python list (a run that diverged keeps its last one). */
function lrList(lrs: ArrayLike<number>, steps: number): string {
  const out: string[] = [];
  let last = 0;
  for (let k = 0; k < steps; k++) {
    const v = lrs[k];
    if (v !== undefined && Number.isFinite(v)) last = v;
    out.push(py(last));
  }
  return `[${out.join(', ')}]`;
}

function header(run: ResolvedRun, optimizer: OptimizerDef, name: string, fw: string): string[] {
  return [
    `# ${oneLine(name)}: ${optimizer.label} on ${run.surface.id === 'custom' ? 'a typed surface' : run.surface.id}, ${fw}, from Descent Lab.`,
    '# Prints step, x, y, loss. The learning rate of each step is the one Descent Lab',
    "# (PyTorch 1.13's scheduler) used, listed in `lrs`.",
  ];
}

/** Python lines that clip `g` in place as torch.nn.utils.clip_grad_norm_ / _value_ do. */
function clipLines(run: ResolvedRun, m: string, indent: string): string[] {
  const out: string[] = [];
  if (run.clip.maxNorm !== null)
    out.push(
      `${indent}g = g * ${m}.minimum(1.0, ${py(run.clip.maxNorm)} / (${m === 'jnp' ? 'jnp.linalg.norm(g)' : 'tf.norm(g)'} + 1e-6))`,
    );
  if (run.clip.maxValue !== null)
    out.push(
      `${indent}g = ${m === 'jnp' ? 'jnp.clip' : 'tf.clip_by_value'}(g, ${py(-run.clip.maxValue)}, ${py(run.clip.maxValue)})`,
    );
  return out;
}

/** A Keras 3 (TensorFlow backend) script of the run. */
export function toKeras(
  run: ResolvedRun,
  optimizer: OptimizerDef,
  lrs: ArrayLike<number>,
  name = 'this lane',
): string {
  const params: ParamValues = { ...defaultValues(optimizer.params), ...run.optimizer.params };
  const k = kerasOptimizer({ optimizer, params, clip: { maxNorm: null, maxValue: null } });
  return `${[
    ...header(run, optimizer, name, 'Keras 3 on TensorFlow'),
    ...k.notes.map((n) => `# Differs from PyTorch: ${n}`),
    'import math',
    'import tensorflow as tf',
    'import keras',
    '',
    ...surfacePython(run, 'tf'),
    '',
    `lrs = ${lrList(lrs, run.steps)}`,
    `p = keras.Variable([${py(run.start[0])}, ${py(run.start[1])}], dtype='float64')`,
    `optimizer = ${k.code}`,
    '',
    'def show(step):',
    "    print(step, *(f'{v:.17g}' for v in (*p.numpy().tolist(), float(f(p)))))",
    '',
    'show(0)',
    `for step in range(${run.steps}):`,
    '    optimizer.learning_rate = lrs[step]',
    '    with tf.GradientTape() as tape:',
    '        loss = f(p)',
    '    g = tape.gradient(loss, p)',
    ...clipLines(run, 'tf', '    '),
    '    optimizer.apply([g], [p])',
    '    show(step + 1)',
  ].join('\n')}\n`;
}

/** The optax transformation of the optimizer and what it does differently from torch.optim. */
function optaxOptimizer(
  optimizer: OptimizerDef,
  p: ParamValues,
): { code: string; notes: string[] } {
  const notes: string[] = [];
  const lr = 'learning_rate=schedule';
  const wd = p['weight_decay'] === undefined ? 0 : num(p, 'weight_decay');
  const eps = () => `eps=${py(num(p, 'eps'))}`;
  const betas = () => [`b1=${py(num(p, 'beta1'))}`, `b2=${py(num(p, 'beta2'))}`];
  // PyTorch's weight_decay (except AdamW's) adds λ·θ to the gradient first: optax's
  // add_decayed_weights ahead of the optimizer does the same.
  const coupled = (code: string) =>
    wd === 0 ? code : `optax.chain(optax.add_decayed_weights(${py(wd)}), ${code})`;
  if (p['maximize'] === true) notes.push('maximize: optax has no flag; negate f instead.');
  switch (optimizer.id) {
    case 'sgd': {
      const m = num(p, 'momentum');
      if (num(p, 'dampening') !== 0) notes.push('dampening: optax.sgd has none; left out.');
      return {
        code: coupled(
          `optax.sgd(${lr}, momentum=${m === 0 ? 'None' : py(m)}, nesterov=${bool(p, 'nesterov') ? 'True' : 'False'})`,
        ),
        notes,
      };
    }
    case 'adagrad':
      notes.push('eps: optax adds ε inside the square root of the accumulator, PyTorch outside.');
      if (num(p, 'lr_decay') !== 0) notes.push('lr_decay: optax.adagrad has none; left out.');
      return {
        code: coupled(
          `optax.adagrad(${lr}, initial_accumulator_value=${py(num(p, 'initial_accumulator_value'))}, ${eps()})`,
        ),
        notes,
      };
    case 'rmsprop': {
      notes.push('eps: optax.rmsprop adds ε inside the square root, PyTorch outside.');
      const m = num(p, 'momentum');
      return {
        code: coupled(
          `optax.rmsprop(${lr}, decay=${py(num(p, 'alpha'))}, ${eps()}, centered=${bool(p, 'centered') ? 'True' : 'False'}, momentum=${m === 0 ? 'None' : py(m)})`,
        ),
        notes,
      };
    }
    case 'adadelta':
      return { code: coupled(`optax.adadelta(${lr}, rho=${py(num(p, 'rho'))}, ${eps()})`), notes };
    case 'adam':
      return {
        code: coupled(
          `optax.${bool(p, 'amsgrad') ? 'amsgrad' : 'adam'}(${lr}, ${betas().join(', ')}, ${eps()})`,
        ),
        notes,
      };
    case 'adamw':
      if (bool(p, 'amsgrad')) notes.push('amsgrad: optax.adamw has none; left out.');
      return {
        code: `optax.adamw(${lr}, ${betas().join(', ')}, ${eps()}, weight_decay=${py(wd)})`,
        notes,
      };
    case 'adamax':
      notes.push(
        'eps: PyTorch takes max(β₂·u, |g| + ε), optax max(β₂·u, |g|) and divides by u + ε.',
      );
      return { code: coupled(`optax.adamax(${lr}, ${betas().join(', ')}, ${eps()})`), notes };
    case 'nadam':
      notes.push(
        "momentum_decay: optax.nadam has no ψ schedule of the momentum (PyTorch's μₜ = β₁(1 − 0.5·0.96^(tψ))).",
      );
      return { code: coupled(`optax.nadam(${lr}, ${betas().join(', ')}, ${eps()})`), notes };
    case 'radam':
      return {
        code: coupled(`optax.radam(${lr}, ${betas().join(', ')}, ${eps()}, threshold=5.0)`),
        notes,
      };
    default:
      throw new Error(`no optax for optimizer ${optimizer.id}`);
  }
}

/** A JAX + optax script of the run (float64: jax_enable_x64). */
export function toOptax(
  run: ResolvedRun,
  optimizer: OptimizerDef,
  lrs: ArrayLike<number>,
  name = 'this lane',
): string {
  const params: ParamValues = { ...defaultValues(optimizer.params), ...run.optimizer.params };
  const o = optaxOptimizer(optimizer, params);
  return `${[
    ...header(run, optimizer, name, 'JAX + optax'),
    ...o.notes.map((n) => `# Differs from PyTorch: ${n}`),
    'import math',
    'import jax',
    '',
    "jax.config.update('jax_enable_x64', True)",
    'import jax.numpy as jnp',
    'import optax',
    '',
    ...surfacePython(run, 'jax'),
    '',
    `lrs = jnp.array(${lrList(lrs, run.steps)})`,
    '',
    'def schedule(count):',
    '    return lrs[jnp.minimum(count, len(lrs) - 1)]',
    '',
    `optimizer = ${o.code}`,
    `p = jnp.array([${py(run.start[0])}, ${py(run.start[1])}])`,
    'state = optimizer.init(p)',
    'loss_and_grad = jax.jit(jax.value_and_grad(f))',
    '',
    'def show(step):',
    "    print(step, *(f'{float(v):.17g}' for v in (*p, f(p))))",
    '',
    'show(0)',
    `for step in range(${run.steps}):`,
    '    loss, g = loss_and_grad(p)',
    ...clipLines(run, 'jnp', '    '),
    '    updates, state = optimizer.update(g, state, p)',
    '    p = optax.apply_updates(p, updates)',
    '    show(step + 1)',
  ].join('\n')}\n`;
}
