// The Learn panel's topics: every optimizer and schedule with its update rule in TeX and a
// one-click setup that shows it (a Preset, loaded like the toolbar's presets). The prose is
// per language in texts/en.ts and texts/zh.ts, keyed by the topic id. Loaded with the panel.

import type { LaneSpec, Preset } from '../../core/presets';

export interface LearnTopic {
  readonly id: string;
  readonly kind: 'optimizer' | 'schedule';
  /** The name as PyTorch writes it (not translated). */
  readonly name: string;
  /** The update rule, TeX; t is PyTorch's step count, k the scheduler's. */
  readonly rule: string;
  readonly preset: Preset;
}

/** ½(x² + 10y²): curvatures 1 and 10, the stretched bowl of the momentum articles. */
const BOWL = {
  surface: 'quadratic',
  surfaceParams: { a: 1, b: 10 },
  start: [-4, 2] as const,
  view: { xMin: -5, xMax: 5, yMin: -3, yMax: 3 },
};

function optimizerTopic(
  id: string,
  name: string,
  rule: string,
  preset: Omit<Preset, 'id' | 'title'>,
): LearnTopic {
  return {
    id,
    kind: 'optimizer',
    name,
    rule,
    preset: { id: `learn-${id}`, title: name, ...preset },
  };
}

const MOMENTUM: LaneSpec = {
  name: 'Momentum',
  optimizer: 'sgd',
  params: { lr: 0.05, momentum: 0.9 },
};

function scheduleTopic(
  id: string,
  name: string,
  rule: string,
  params: Record<string, number | number[]>,
): LearnTopic {
  return {
    id,
    kind: 'schedule',
    name,
    rule,
    preset: {
      id: `learn-${id}`,
      title: name,
      ...BOWL,
      steps: 200,
      lanes: [
        {
          name: `Momentum + ${name}`,
          optimizer: 'sgd',
          params: { lr: 0.05, momentum: 0.9 },
          schedule: { id, params },
        },
        MOMENTUM,
      ],
    },
  };
}

const ADAM_RULE =
  'm_t = \\beta_1 m_{t-1} + (1-\\beta_1) g_t,\\; v_t = \\beta_2 v_{t-1} + (1-\\beta_2) g_t^2,\\; \\hat m_t = \\frac{m_t}{1-\\beta_1^t},\\; \\hat v_t = \\frac{v_t}{1-\\beta_2^t},\\; \\theta_t = \\theta_{t-1} - \\eta\\frac{\\hat m_t}{\\sqrt{\\hat v_t}+\\epsilon}';

export const LEARN_TOPICS: readonly LearnTopic[] = [
  optimizerTopic('sgd', 'SGD', '\\theta_t = \\theta_{t-1} - \\eta\\, g_t', {
    ...BOWL,
    steps: 200,
    lanes: [
      { name: 'SGD η = 0.18', optimizer: 'sgd', params: { lr: 0.18 } },
      { name: 'SGD η = 0.05', optimizer: 'sgd', params: { lr: 0.05 } },
    ],
  }),
  optimizerTopic(
    'momentum',
    'SGD + momentum',
    'b_t = \\mu b_{t-1} + (1-\\tau) g_t\\;(b_1 = g_1),\\quad \\theta_t = \\theta_{t-1} - \\eta\\, b_t',
    {
      ...BOWL,
      steps: 200,
      lanes: [
        { name: 'SGD', optimizer: 'sgd', params: { lr: 0.01 } },
        { name: 'Momentum 0.9', optimizer: 'sgd', params: { lr: 0.01, momentum: 0.9 } },
      ],
    },
  ),
  optimizerTopic(
    'nesterov',
    'SGD + Nesterov',
    'b_t = \\mu b_{t-1} + g_t,\\quad \\theta_t = \\theta_{t-1} - \\eta\\,(g_t + \\mu b_t)',
    {
      ...BOWL,
      steps: 200,
      lanes: [
        MOMENTUM,
        { name: 'Nesterov', optimizer: 'sgd', params: { lr: 0.05, momentum: 0.9, nesterov: true } },
      ],
    },
  ),
  optimizerTopic(
    'adagrad',
    'Adagrad',
    'G_t = G_{t-1} + g_t^2,\\quad \\theta_t = \\theta_{t-1} - \\frac{\\eta}{1+(t-1)\\,\\text{lr\\_decay}}\\,\\frac{g_t}{\\sqrt{G_t}+\\epsilon}',
    {
      surface: 'rosenbrock',
      steps: 1000,
      lanes: [
        { name: 'Adagrad', optimizer: 'adagrad', params: { lr: 0.1 } },
        { name: 'RMSprop', optimizer: 'rmsprop', params: { lr: 0.01 } },
      ],
    },
  ),
  optimizerTopic(
    'rmsprop',
    'RMSprop',
    'v_t = \\alpha v_{t-1} + (1-\\alpha) g_t^2,\\quad \\theta_t = \\theta_{t-1} - \\eta\\frac{g_t}{\\sqrt{v_t}+\\epsilon}',
    {
      surface: 'rosenbrock',
      steps: 1000,
      lanes: [
        { name: 'SGD', optimizer: 'sgd', params: { lr: 0.001 } },
        { name: 'RMSprop', optimizer: 'rmsprop', params: { lr: 0.01 } },
        { name: 'RMSprop centered', optimizer: 'rmsprop', params: { lr: 0.01, centered: true } },
      ],
    },
  ),
  optimizerTopic(
    'adadelta',
    'Adadelta',
    'v_t = \\rho v_{t-1} + (1-\\rho) g_t^2,\\; \\delta_t = \\frac{\\sqrt{u_{t-1}+\\epsilon}}{\\sqrt{v_t+\\epsilon}} g_t,\\; u_t = \\rho u_{t-1} + (1-\\rho)\\delta_t^2,\\; \\theta_t = \\theta_{t-1} - \\eta\\,\\delta_t',
    {
      surface: 'rosenbrock',
      steps: 1000,
      lanes: [
        { name: 'Adadelta', optimizer: 'adadelta', params: { lr: 1 } },
        { name: 'Adam', optimizer: 'adam', params: { lr: 0.05 } },
      ],
    },
  ),
  optimizerTopic('adam', 'Adam', ADAM_RULE, {
    surface: 'rosenbrock',
    steps: 1000,
    lanes: [
      { name: 'Adam', optimizer: 'adam', params: { lr: 0.05 } },
      { name: 'Momentum', optimizer: 'sgd', params: { lr: 0.001, momentum: 0.9 } },
    ],
  }),
  optimizerTopic(
    'adamw',
    'AdamW',
    "\\theta' = \\theta_{t-1}(1-\\eta\\lambda),\\quad \\theta_t = \\theta' - \\eta\\frac{\\hat m_t}{\\sqrt{\\hat v_t}+\\epsilon}",
    {
      surface: 'rosenbrock',
      steps: 1000,
      lanes: [
        { name: 'Adam + L2 λ = 0.1', optimizer: 'adam', params: { lr: 0.05, weight_decay: 0.1 } },
        { name: 'AdamW λ = 0.1', optimizer: 'adamw', params: { lr: 0.05, weight_decay: 0.1 } },
      ],
    },
  ),
  optimizerTopic(
    'adamax',
    'Adamax',
    'u_t = \\max(\\beta_2 u_{t-1}, |g_t| + \\epsilon),\\quad \\theta_t = \\theta_{t-1} - \\frac{\\eta}{1-\\beta_1^t}\\frac{m_t}{u_t}',
    {
      surface: 'rosenbrock',
      steps: 1000,
      lanes: [
        { name: 'Adam', optimizer: 'adam', params: { lr: 0.05 } },
        { name: 'Adamax', optimizer: 'adamax', params: { lr: 0.05 } },
      ],
    },
  ),
  optimizerTopic(
    'nadam',
    'NAdam',
    '\\mu_t = \\beta_1(1 - \\tfrac12 0.96^{t\\psi}),\\; \\theta_t = \\theta_{t-1} - \\eta\\frac{1-\\mu_t}{1-\\Pi_t}\\frac{g_t}{d_t} - \\eta\\frac{\\mu_{t+1}}{1-\\Pi_{t+1}}\\frac{m_t}{d_t},\\; d_t = \\sqrt{\\frac{v_t}{1-\\beta_2^t}}+\\epsilon',
    {
      surface: 'rosenbrock',
      steps: 1000,
      lanes: [
        { name: 'Adam', optimizer: 'adam', params: { lr: 0.05 } },
        { name: 'NAdam', optimizer: 'nadam', params: { lr: 0.05 } },
      ],
    },
  ),
  optimizerTopic(
    'radam',
    'RAdam',
    '\\rho_t = \\rho_\\infty - \\frac{2t\\beta_2^t}{1-\\beta_2^t};\\; \\rho_t > 5:\\ \\theta_t = \\theta_{t-1} - \\eta\\, r_t\\, \\hat m_t \\frac{\\sqrt{1-\\beta_2^t}}{\\sqrt{v_t}+\\epsilon},\\ \\text{else}\\ \\theta_t = \\theta_{t-1} - \\eta\\,\\hat m_t',
    {
      ...BOWL,
      steps: 300,
      lanes: [
        { name: 'Adam', optimizer: 'adam', params: { lr: 0.05 } },
        { name: 'RAdam', optimizer: 'radam', params: { lr: 0.05 } },
      ],
    },
  ),
  scheduleTopic('step_lr', 'StepLR', '\\eta_k = \\eta_0\\,\\gamma^{\\lfloor k/s \\rfloor}', {
    step_size: 50,
    gamma: 0.1,
  }),
  scheduleTopic(
    'multi_step_lr',
    'MultiStepLR',
    '\\eta_k = \\eta_0\\,\\gamma^{\\#\\{i:\\ m_i \\le k\\}}',
    {
      milestones: [40, 100],
      gamma: 0.1,
    },
  ),
  scheduleTopic('exponential_lr', 'ExponentialLR', '\\eta_k = \\eta_0\\,\\gamma^{k}', {
    gamma: 0.98,
  }),
  scheduleTopic(
    'cosine_annealing_lr',
    'CosineAnnealingLR',
    '\\eta_k = \\eta_{\\min} + \\tfrac12(\\eta_0-\\eta_{\\min})\\left(1+\\cos\\frac{\\pi k}{T_{\\max}}\\right)',
    { T_max: 200 },
  ),
  scheduleTopic(
    'cosine_annealing_warm_restarts',
    'CosineAnnealingWarmRestarts',
    '\\eta_k = \\eta_{\\min} + \\tfrac12(\\eta_0-\\eta_{\\min})\\left(1+\\cos\\frac{\\pi T_{\\text{cur}}}{T_i}\\right),\\; T_{\\text{cur}} \\to 0\\ \\text{at each restart},\\; T_{i+1} = T_{\\text{mult}}\\,T_i',
    { T_0: 50 },
  ),
  scheduleTopic(
    'linear_lr',
    'LinearLR',
    '\\eta_k = \\eta_0\\left(s + (e-s)\\frac{\\min(k, N)}{N}\\right)',
    { start_factor: 0.1, end_factor: 1, total_iters: 50 },
  ),
  scheduleTopic(
    'polynomial_lr',
    'PolynomialLR',
    '\\eta_k = \\eta_0\\left(1 - \\frac{\\min(k, N)}{N}\\right)^{p}',
    { total_iters: 200, power: 2 },
  ),
  scheduleTopic(
    'one_cycle_lr',
    'OneCycleLR',
    '\\frac{\\eta_{\\max}}{\\text{div}} \\nearrow \\eta_{\\max}\\ \\text{over}\\ p\\,T,\\ \\text{then}\\ \\searrow \\frac{\\eta_{\\max}}{\\text{div}\\cdot\\text{final\\_div}}\\ \\text{(cosine or linear)}',
    { max_lr: 0.1, total_steps: 200 },
  ),
  scheduleTopic(
    'reduce_lr_on_plateau',
    'ReduceLROnPlateau',
    '\\text{no improvement for}\\ > \\text{patience}\\ \\text{steps} \\Rightarrow \\eta \\leftarrow \\max(\\eta\\cdot\\text{factor}, \\eta_{\\min})',
    { factor: 0.5, patience: 10 },
  ),
];
