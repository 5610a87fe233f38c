// Each preset's "what to look at", one line (English; the interface's Chinese is in
// src/ui/i18n/zhRegistry.ts, keyed by this text). Kept apart from src/core/presets.ts so the
// page's first load, which needs the presets' configs, does not carry their prose: the toolbar
// loads this when a preset is showing.

export const PRESET_TEXTS: Readonly<Record<string, string>> = {
  'adam-line-fit':
    "Each point is a line (w, b) through the Train view's 100 points y = 2x + 1 + U(0, 1), every step seeing all of them. Adam with lr 0.01 moves about 0.01 per step in each coordinate at first, whatever the gradient size, and curves in on the least-squares line near w ≈ 2, b ≈ 1.5 (the noise has mean 0.5).",
  'adagrad-adam-rmsprop':
    "AdaGrad's sum of g² only grows, so its steps keep shrinking and it stalls in the valley; RMSprop and Adam forget old gradients and keep walking.",
  'momentum-step-decay':
    'Momentum 0.9 swings across the steep y direction of a stretched bowl. step_lr divides lr by 10 every 50 steps (see the lr chart): after the first cut the swing dies down and the decayed lane pulls ahead (20× lower loss at step 100), then it crawls and the constant-lr lane catches up.',
  'race-rosenbrock':
    'All five find the curved valley fast; the difference is the walk along its flat floor to (1, 1), where the adaptive methods rescale the tiny gradient.',
  'race-beale':
    "Beale's flat plateau and sharp ridges: plain SGD creeps, momentum and the adaptive methods head for the minimum at (3, 0.5).",
  'race-himmelblau':
    'Four equal minima: from one start point the methods can end in different basins; drag the start to see the basins change.',
  'adam-epsilon':
    'ε is added to √v̂: at 1e-8 Adam steps about lr whatever the gradient size; once ε exceeds the gradient (here near the minimum of a shallow bowl) the step becomes lr·g/ε and Adam turns into slow plain SGD: after 500 steps ε = 1 is still at loss 0.01, ε = 1e-8 at 1e-20.',
  'adam-beta2-noisy':
    "Rastrigin with A = 1: its cosine ripples make the gradient swing like noise. With β₂ 0.999, v̂ remembers the ripples' large gradients, the steps stay calm and Adam settles exactly at (0, 0); with β₂ 0.9, v̂ forgets in ~10 steps and Adam keeps jittering around the minimum (the loss chart's floor).",
  plateau:
    'Adam (lr 0.2, β₂ 0.9) jitters around the minimum of a rippled bowl without getting closer; after 20 steps without improvement ReduceLROnPlateau cuts lr ×0.1 (the lr chart steps down) and the loss drops by orders of magnitude each time.',
  'clip-cliff':
    "Goldstein–Price's walls are steep (gradients in the hundreds of thousands): plain SGD is thrown off and diverges at step 3; the same SGD with clip_grad_norm_ (max_norm 1) walks down 0.01 per step into the nearest basin (a local minimum, loss 30).",
};
