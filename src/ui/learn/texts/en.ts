// The Learn panel's prose in English, per topic id (src/ui/learn/topics.ts). zh.ts has the same
// keys in Simplified Chinese; tests/unit/i18n.test.ts checks both have every topic and field.

export interface TopicText {
  readonly idea: string;
  readonly helps: string;
  readonly fails: string;
}

export type LearnTexts = Readonly<Record<string, TopicText>>;

export const learnTexts: LearnTexts = {
  sgd: {
    idea: 'Gradient descent steps downhill along the negative gradient, a distance proportional to the learning rate η. Every coordinate uses the same η, so the step follows the slope: long strides where the surface is steep, tiny ones where it is flat. On a bowl whose curvature differs by a factor κ between directions, η has to stay below 2 divided by the largest curvature, which leaves the flattest direction crawling.',
    helps:
      'Well-conditioned problems, and as the baseline: with a tuned η and a decaying schedule it is hard to beat for generalisation in deep learning.',
    fails:
      'Stretched valleys (it zig-zags across the steep direction while creeping along the flat one), plateaus and saddle points where the gradient is small, and any η above 2/λ_max, where it diverges.',
  },
  momentum: {
    idea: 'Momentum keeps a running buffer b of past gradients and steps along it: b ← μ·b + g. Oscillating components cancel across steps while a consistent direction adds up, so along a shallow valley the effective step grows toward η/(1 − μ). In PyTorch the buffer starts as a copy of the first gradient, and the learning rate multiplies the buffer, not the gradient.',
    helps:
      'Long narrow valleys and ill-conditioned bowls: it damps the zig-zag and speeds up the slow direction, roughly turning κ into √κ when well tuned.',
    fails:
      'With μ close to 1 it overshoots and rings around the minimum; combined with a large η it can spiral outward. Dampening τ shrinks what each new gradient adds.',
  },
  nesterov: {
    idea: "Nesterov's accelerated gradient looks ahead: it corrects the step with the gradient where momentum is about to take it. PyTorch implements it without a second gradient evaluation by stepping along g + μ·b instead of b, which adds the current gradient once more on top of the updated buffer.",
    helps:
      'The same cases as momentum, with less overshoot: it reacts a step earlier when the slope turns, so the path settles faster in a bowl.',
    fails:
      'It still needs a well-chosen η and μ; PyTorch requires momentum > 0 and no dampening. On noisy gradients the lookahead helps little.',
  },
  adagrad: {
    idea: 'Adagrad gives each coordinate its own step size: it divides by the square root of the sum of all its squared gradients so far. Coordinates that saw large gradients slow down, rare or small ones keep a large step. In PyTorch the sum can start from initial_accumulator_value, and lr_decay divides η by 1 + (t − 1)·lr_decay.',
    helps:
      'Sparse features and badly scaled coordinates, where one global η cannot suit every direction.',
    fails:
      'The sum only grows, so the step shrinks forever: in a long valley Adagrad stalls before the minimum.',
  },
  rmsprop: {
    idea: 'RMSprop fixes Adagrad’s ever-shrinking steps by replacing the sum with an exponential moving average of squared gradients (decay α, 0.99 in PyTorch). The step is g / √v, about η per coordinate whatever the gradient’s size. The centered variant divides by an estimate of the variance (v − ḡ²); with momentum, the normalised gradient is accumulated in a buffer.',
    helps:
      'Non-stationary problems and surfaces whose gradient scale changes a lot: it keeps walking along a flat valley floor where SGD crawls.',
    fails:
      'Without bias correction the very first steps are large (v starts at 0, so the first step is about η/√(1 − α) = 10η). Near a minimum it keeps moving by about η and jitters unless η decays.',
  },
  adadelta: {
    idea: 'Adadelta divides by the RMS of recent gradients and multiplies by the RMS of recent updates, so the step has the units of the parameter and needs no hand-set scale. Both RMS values are moving averages with decay ρ; ε sets how large the very first steps are. PyTorch still multiplies the update by lr (default 1.0).',
    helps:
      'When you do not want to tune a learning rate, and where gradient scales vary between coordinates.',
    fails:
      'The start is slow: the update RMS begins at √ε, so early steps are tiny and grow only gradually; ε strongly shapes the behaviour.',
  },
  adam: {
    idea: 'Adam combines momentum (a moving average m of gradients) with RMSprop’s per-coordinate scaling (a moving average v of squared gradients), and corrects both for starting at zero by dividing by 1 − βᵗ. The first step is then η·sign(g), and later steps stay near η per coordinate, with direction smoothed by m.',
    helps:
      'The usual default for deep networks: robust to gradient scale, fast progress with little tuning, good on noisy and sparse gradients.',
    fails:
      'Its L2 weight decay is divided by √v like the gradient, so regularisation is weaker where gradients are large (use AdamW). Near a sharp minimum the steps stay about η and it can hover; AMSGrad uses the largest v so far to guarantee non-increasing steps.',
  },
  adamw: {
    idea: 'AdamW decouples weight decay from the adaptive step: before the Adam update it shrinks the weights by the factor (1 − η·λ), so every weight decays at the same rate regardless of its gradient history. The gradient statistics m and v see only the loss gradient.',
    helps:
      'Training with regularisation: decay and learning rate become separately tunable, and it generalises better than Adam with L2 in practice.',
    fails:
      'On a 2-D surface the decay pulls the solution toward 0, away from the true minimum (the map shows this). λ is multiplied by η, so changing η changes the effective decay.',
  },
  adamax: {
    idea: 'Adamax is Adam with the infinity norm: instead of a moving average of g², it keeps u = max(β₂·u, |g| + ε), a decaying maximum of gradient magnitudes. Only the first moment needs bias correction.',
    helps:
      'Gradients with occasional large spikes, and embeddings: the maximum is more stable than a squared average.',
    fails:
      'One huge gradient keeps the step small for many steps while the maximum decays by β₂ each step.',
  },
  nadam: {
    idea: 'NAdam puts Nesterov’s lookahead into Adam: the step mixes the current gradient and the momentum of the next step. PyTorch also warms the momentum up, μ_t = β₁·(1 − ½·0.96^(t·ψ)), and keeps the product of the μ’s (mu_product) for the bias correction.',
    helps:
      'Often a little faster than Adam early on, and on problems where momentum’s overshoot hurts.',
    fails:
      'It has Adam’s weaknesses (L2 decay is not decoupled in PyTorch 1.13), and the momentum warm-up depends on ψ.',
  },
  radam: {
    idea: 'RAdam rectifies the variance of Adam’s adaptive step: in the first steps v is estimated from very few gradients, so RAdam takes plain momentum steps (−η·m̂) until the approximated length of the moving average, ρ_t, exceeds 5, and then scales the adaptive step by a factor r_t that grows to 1.',
    helps: 'Removes the need for a learning-rate warm-up with Adam; more stable early training.',
    fails:
      'The early un-adapted steps are η·m̂, proportional to the gradient: on a steep surface with a large η they can jump far before the adaptive step starts.',
  },
  step_lr: {
    idea: 'StepLR multiplies the learning rate by γ every step_size steps: a staircase. Big steps first to cover ground, then smaller ones to settle. k counts scheduler.step() calls, made once after each optimizer step here.',
    helps:
      'Classic image-classification recipes: SGD with momentum, dropping η by 10 at fixed points.',
    fails:
      'The drop points are hand-picked: too early and progress stalls, too late and time is wasted bouncing around.',
  },
  multi_step_lr: {
    idea: 'MultiStepLR multiplies the learning rate by γ at each listed milestone, so the drops can come at irregular steps.',
    helps: 'Recipes with known phases, e.g. drops at 50 % and 75 % of training.',
    fails: 'Like StepLR, the milestones must be tuned to the run length.',
  },
  exponential_lr: {
    idea: 'ExponentialLR multiplies the learning rate by γ after every step, a smooth geometric decay.',
    helps: 'A simple decay with one parameter, when the run length is known.',
    fails: 'With γ even slightly too small the lr vanishes long before the end (0.98²⁰⁰ ≈ 0.018).',
  },
  cosine_annealing_lr: {
    idea: 'CosineAnnealingLR lowers the learning rate from η₀ to η_min along half a cosine over T_max steps: slow at first, fastest in the middle, gentle at the end.',
    helps:
      'A strong default for a known training length; the soft landing lets the iterate settle.',
    fails:
      'After T_max the cosine rises again (PyTorch keeps following it), so T_max must match the run.',
  },
  cosine_annealing_warm_restarts: {
    idea: 'SGDR: cosine decay over T₀ steps, then a jump back to η₀ (a warm restart), with each period T_mult times longer than the last.',
    helps: 'Escaping sharp basins and getting good snapshots at the end of each period.',
    fails:
      'The restarts kick the iterate out of the minimum it had found; the periods need to suit the problem.',
  },
  linear_lr: {
    idea: 'LinearLR multiplies η₀ by a factor that moves linearly from start_factor to end_factor over total_iters steps, then stays. With start_factor < 1 it is a warm-up.',
    helps: 'Warm-up for Adam and large batches, where full-size first steps would be unstable.',
    fails: 'On its own it does not decay at the end; it is usually chained with another schedule.',
  },
  polynomial_lr: {
    idea: 'PolynomialLR decays the learning rate to 0 over total_iters steps as (1 − k/N)^p; power 1 is a straight line.',
    helps: 'Runs of known length that should end with a tiny lr.',
    fails: 'After total_iters the lr is 0 and nothing moves.',
  },
  one_cycle_lr: {
    idea: 'OneCycleLR warms the learning rate up from max_lr/div_factor to max_lr over the first pct_start of the cycle, then anneals it far below the start. (PyTorch also cycles momentum inversely; here only the lr is scheduled.)',
    helps: '“Super-convergence”: fast training with a high peak lr for a fixed budget.',
    fails: 'total_steps must cover the run; a max_lr that is too high diverges at the peak.',
  },
  reduce_lr_on_plateau: {
    idea: 'ReduceLROnPlateau watches the loss: when it has not improved by more than threshold for patience steps, it multiplies the learning rate by factor (not below min_lr), then waits for cooldown steps.',
    helps: 'When you do not know in advance when progress will stall.',
    fails:
      'Noisy losses trigger it late or early; here it watches the training loss at each step, which is noisier than a validation loss per epoch.',
  },
};
