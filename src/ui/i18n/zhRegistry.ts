// Simplified Chinese for the registries' English texts (surfaces, presets, parameters,
// schedules, training tasks, batch kinds): keyed by the English text itself, so the English
// stays in one place (the registry) and the first load carries no copy of it. Loaded with zh.ts;
// tests/unit/i18n.test.ts checks that every registry text has an entry. Names of people
// (Rosenbrock, Himmelblau, …) stay as they are.

export const zhRegistry: Readonly<Record<string, string>> = {
  'Quadratic bowl': '二次碗形曲面',
  'a (curvature)': 'a（曲率）',
  'Curvature along x: how steep the bowl rises in the x direction.':
    'x 方向的曲率：碗壁沿 x 方向升得多陡。',
  'b (curvature)': 'b（曲率）',
  'Curvature along y; b/a is the condition number that makes plain gradient descent zigzag.':
    'y 方向的曲率；b/a 是条件数，它让普通梯度下降走出之字形。',
  'a (minimum position)': 'a（极小值位置）',
  'Where the minimum sits: at (a, a²), at the end of the curved valley y = x².':
    '极小值所在位置：(a, a²)，位于弯曲山谷 y = x² 的尽头。',
  'b (valley steepness)': 'b（山谷陡峭度）',
  'How steep the walls of the banana-shaped valley are; larger b makes the valley narrower and harder to follow.':
    '香蕉形山谷两壁的陡峭程度；b 越大，山谷越窄，越难沿谷底前进。',
  'Three-hump camel': '三峰骆驼函数',
  'A (ripple height)': 'A（波纹高度）',
  'Height of the cosine ripples that put a local minimum near every integer point; 0 leaves a plain bowl.':
    '余弦波纹的高度，它在每个整数点附近都造出一个局部极小值；为 0 时只剩一个普通的碗。',
  'a (funnel depth)': 'a（漏斗深度）',
  'Depth of the wide funnel that leads to the global minimum at the origin.':
    '通向原点处全局极小值的宽漏斗的深度。',
  'b (funnel width)': 'b（漏斗宽度）',
  'How fast the funnel falls off with the distance from the origin; larger b makes it narrower.':
    '漏斗随离原点距离下降的快慢；b 越大，漏斗越窄。',
  'c (ripple frequency)': 'c（波纹频率）',
  'Angular frequency of the cosine ripples; the default 2π puts a ripple at every integer.':
    '余弦波纹的角频率；默认值 2π 让每个整数处都有一道波纹。',
  Saddle: '鞍面',
  'a (upward curvature)': 'a（向上曲率）',
  'Curvature along x, where the surface curves up.': 'x 方向的曲率，曲面沿此方向向上弯。',
  'b (downward curvature)': 'b（向下曲率）',
  'Curvature along y, where the surface curves down: a run starting near y = 0 must escape the saddle point.':
    'y 方向的曲率，曲面沿此方向向下弯：从 y = 0 附近出发的运行必须逃离鞍点。',
  'Linear regression (w, b)': '线性回归 (w, b)',
  'Logistic regression (w₁, w₂)': '逻辑回归 (w₁, w₂)',
  'Adam fits a line (y = 2x + 1 + noise)': 'Adam 拟合直线（y = 2x + 1 + 噪声）',
  "Each point is a line (w, b) through the Train view's 100 points y = 2x + 1 + U(0, 1), every step seeing all of them. Adam with lr 0.01 moves about 0.01 per step in each coordinate at first, whatever the gradient size, and curves in on the least-squares line near w ≈ 2, b ≈ 1.5 (the noise has mean 0.5).":
    '地图上每个点是一条直线 (w, b)，拟合训练视图中的 100 个点 y = 2x + 1 + U(0, 1)，每一步都用全部样本点。学习率 0.01 的 Adam 起初无论梯度大小，每个坐标每步都移动约 0.01，然后弯向 w ≈ 2、b ≈ 1.5 附近的最小二乘直线（噪声均值为 0.5）。',
  'AdaGrad vs Adam vs RMSprop': 'AdaGrad、Adam 与 RMSprop 对比',
  "AdaGrad's sum of g² only grows, so its steps keep shrinking and it stalls in the valley; RMSprop and Adam forget old gradients and keep walking.":
    'AdaGrad 累积的 g² 只增不减，所以步长不断缩小，最终停滞在山谷中；RMSprop 和 Adam 会遗忘旧梯度，得以继续前进。',
  'SGD + momentum with step decay': '带阶梯衰减的 SGD + 动量',
  'Momentum 0.9 swings across the steep y direction of a stretched bowl. step_lr divides lr by 10 every 50 steps (see the lr chart): after the first cut the swing dies down and the decayed lane pulls ahead (20× lower loss at step 100), then it crawls and the constant-lr lane catches up.':
    '动量 0.9 在拉长的碗形曲面上沿陡峭的 y 方向来回摆动。StepLR 每 50 步把学习率除以 10（见学习率图）：第一次降低后摆动平息，衰减的通道领先（第 100 步时损失低 20 倍），随后它步履缓慢，恒定学习率的通道追了上来。',
  'Five classics race on Rosenbrock': '五种经典优化器在 Rosenbrock 上比赛',
  'All five find the curved valley fast; the difference is the walk along its flat floor to (1, 1), where the adaptive methods rescale the tiny gradient.':
    '五者都很快找到弯曲的山谷；差别在于沿平坦谷底走向 (1, 1) 的过程，自适应方法会把微小的梯度重新缩放。',
  'Five classics race on Beale': '五种经典优化器在 Beale 上比赛',
  "Beale's flat plateau and sharp ridges: plain SGD creeps, momentum and the adaptive methods head for the minimum at (3, 0.5).":
    'Beale 函数有平坦的高原和陡峭的山脊：普通 SGD 缓慢爬行，动量法和自适应方法则奔向 (3, 0.5) 处的极小值。',
  'Five classics race on Himmelblau': '五种经典优化器在 Himmelblau 上比赛',
  'Four equal minima: from one start point the methods can end in different basins; drag the start to see the basins change.':
    '四个同样深的极小值：从同一起点出发，不同方法可能落入不同的吸引域；拖动起点，看吸引域如何变化。',
  "What Adam's ε does": 'Adam 的 ε 起什么作用',
  'ε is added to √v̂: at 1e-8 Adam steps about lr whatever the gradient size; once ε exceeds the gradient (here near the minimum of a shallow bowl) the step becomes lr·g/ε and Adam turns into slow plain SGD: after 500 steps ε = 1 is still at loss 0.01, ε = 1e-8 at 1e-20.':
    'ε 加在 √v̂ 上：ε 为 1e-8 时，无论梯度多大，Adam 每步约走 lr；一旦 ε 超过梯度（这里是在浅碗的极小值附近），步长变为 lr·g/ε，Adam 就退化成缓慢的普通 SGD：500 步后，ε = 1 的损失仍为 0.01，而 ε = 1e-8 已达 1e-20。',
  'β₂ 0.9 vs 0.999 on a noisy ridge': '嘈杂山脊上的 β₂ 0.9 与 0.999',
  "Rastrigin with A = 1: its cosine ripples make the gradient swing like noise. With β₂ 0.999, v̂ remembers the ripples' large gradients, the steps stay calm and Adam settles exactly at (0, 0); with β₂ 0.9, v̂ forgets in ~10 steps and Adam keeps jittering around the minimum (the loss chart's floor).":
    'A = 1 的 Rastrigin 函数：余弦波纹让梯度像噪声一样摆动。β₂ 为 0.999 时，v̂ 记住了波纹的大梯度，步长保持平稳，Adam 精确停在 (0, 0)；β₂ 为 0.9 时，v̂ 约 10 步就遗忘，Adam 在极小值附近不停抖动（即损失图的底部平台）。',
  'ReduceLROnPlateau firing': 'ReduceLROnPlateau 触发',
  'Adam (lr 0.2, β₂ 0.9) jitters around the minimum of a rippled bowl without getting closer; after 20 steps without improvement ReduceLROnPlateau cuts lr ×0.1 (the lr chart steps down) and the loss drops by orders of magnitude each time.':
    'Adam（lr 0.2，β₂ 0.9）在带波纹的碗形曲面极小值附近抖动，无法更接近；连续 20 步没有改进后，ReduceLROnPlateau 把学习率乘以 0.1（学习率图出现台阶），每次损失都下降几个数量级。',
  'Clipping tames a cliff': '梯度裁剪驯服悬崖',
  "Goldstein–Price's walls are steep (gradients in the hundreds of thousands): plain SGD is thrown off and diverges at step 3; the same SGD with clip_grad_norm_ (max_norm 1) walks down 0.01 per step into the nearest basin (a local minimum, loss 30).":
    'Goldstein–Price 函数的壁非常陡（梯度达数十万）：普通 SGD 被甩出去，在第 3 步发散；同样的 SGD 加上 clip_grad_norm_（max_norm 1）后每步下降 0.01，走进最近的吸引域（一个局部极小值，损失 30）。',
  'How far each step moves along the (transformed) gradient.':
    '每一步沿（变换后的）梯度方向移动多远。',
  'Fraction of the previous step kept in the next one; 0 is plain gradient descent.':
    '上一步保留到下一步的比例；为 0 时就是普通梯度下降。',
  'Scales down the gradient added to the momentum buffer (not on the first step).':
    '缩小加入动量缓冲区的梯度（第一步除外）。',
  'Look ahead: step along g + μ·buf instead of buf (needs momentum, no dampening).':
    '向前看：沿 g + μ·buf 而不是 buf 更新（需要动量，且不能有阻尼）。',
  'L2 penalty: adds λ·x to the gradient before the update.': 'L2 惩罚：更新前把 λ·x 加到梯度上。',
  'Divides the learning rate by 1 + (t − 1)·lr_decay at step t.':
    '第 t 步把学习率除以 1 + (t − 1)·lr_decay。',
  'Start value of the sum of squared gradients; larger values damp the first steps.':
    '梯度平方累加和的初始值；值越大，最初几步越小。',
  'Added to the denominator so that a tiny second moment cannot blow the step up.':
    '加在分母上，防止极小的二阶矩让步长爆炸。',
  'Decay of the running mean of squared gradients.': '梯度平方滑动平均的衰减率。',
  'Divide by an estimate of the gradient variance (subtracting the squared mean) instead of the raw second moment.':
    '除以梯度方差的估计（减去均值的平方），而不是原始的二阶矩。',
  'Decay of the running means of squared gradients and squared updates.':
    '梯度平方与更新量平方两个滑动平均的衰减率。',
  'Decay of the running mean of gradients (momentum); 0 turns it off.':
    '梯度滑动平均（动量）的衰减率；为 0 时关闭。',
  'Decay of the running mean of squared gradients; closer to 1 averages over more steps.':
    '梯度平方滑动平均的衰减率；越接近 1，平均的步数越多。',
  'Divide by the largest second moment seen so far.': '除以迄今为止见过的最大二阶矩。',
  'Shrinks the parameters toward 0 by lr·λ each step, apart from the gradient (AdamW).':
    '每步把参数按 lr·λ 向 0 收缩，与梯度分开进行（AdamW）。',
  'How fast the momentum schedule μ_t = β₁·(1 − ½·0.96^(t·ψ)) warms up.':
    '动量调度 μ_t = β₁·(1 − ½·0.96^(t·ψ)) 的预热速度。',
  'step size': '步长',
  'Multiply the lr by γ every this many steps.': '每隔这么多步把学习率乘以 γ。',
  'decay factor': '衰减因子',
  'Factor applied to the lr every step_size steps.': '每 step_size 步作用于学习率的因子。',
  milestones: '里程碑',
  'Steps at which the lr is multiplied by γ (a repeated milestone applies γ twice).':
    '在这些步把学习率乘以 γ（重复的里程碑会乘两次 γ）。',
  'Factor applied at each milestone.': '在每个里程碑处作用的因子。',
  'Factor applied to the lr after every step.': '每步之后作用于学习率的因子。',
  'half period': '半周期',
  'Steps from the base lr down to η_min (then it rises again).':
    '从基础学习率降到 η_min 所用的步数（之后再升回去）。',
  'minimum lr': '最小学习率',
  'The learning rate at the bottom of the cosine.': '余弦曲线谷底处的学习率。',
  'first period': '第一个周期',
  'Steps until the first restart.': '到第一次重启的步数。',
  'period factor': '周期倍数',
  'Each period is this many times longer than the last.': '每个周期是上一个周期的这么多倍长。',
  'start factor': '起始因子',
  'The first step uses lr·start_factor.': '第一步使用 lr·start_factor。',
  'end factor': '结束因子',
  'After total_iters steps the lr is lr·end_factor.':
    'total_iters 步之后，学习率为 lr·end_factor。',
  steps: '步数',
  'Steps over which the factor moves from start to end.': '因子从起始值变到结束值所用的步数。',
  'Steps until the lr reaches 0 (it stays 0 after).': '学习率降到 0 所用的步数（之后保持为 0）。',
  power: '幂次',
  'Shape of the decay: 1 is a straight line down to 0.': '衰减曲线的形状：1 表示直线下降到 0。',
  'peak lr': '峰值学习率',
  'The highest learning rate of the cycle; it replaces the optimizer lr.':
    '周期中的最高学习率；它取代优化器的学习率。',
  'cycle length': '周期长度',
  'Steps in the whole cycle (at least the run length).': '整个周期的步数（至少等于运行长度）。',
  'warm-up fraction': '预热比例',
  'Fraction of the cycle spent rising to the peak lr.': '周期中用于升到峰值学习率的比例。',
  annealing: '退火方式',
  'Cosine or straight-line moves between the phase end points.': '各阶段端点之间按余弦或直线变化。',
  'start divisor': '起始除数',
  'The cycle starts at max_lr / div_factor.': '周期从 max_lr / div_factor 开始。',
  'final divisor': '最终除数',
  'The cycle ends at (max_lr / div_factor) / final_div_factor.':
    '周期结束于 (max_lr / div_factor) / final_div_factor。',
  'three phases': '三阶段',
  'Rise, fall back to the start lr, then anneal to the minimum.':
    '先上升，再回落到起始学习率，然后退火到最小值。',
  mode: '模式',
  'min: the loss should fall; max: the watched value should rise.':
    'min：损失应当下降；max：监控的值应当上升。',
  factor: '因子',
  'The lr is multiplied by this when the loss stops improving.':
    '损失不再改进时，学习率乘以这个数。',
  patience: '耐心值',
  'Steps without improvement tolerated before the lr drops.': '降低学习率之前能容忍的无改进步数。',
  threshold: '阈值',
  'How much better the loss must be to count as an improvement.': '损失至少要好多少才算改进。',
  'threshold mode': '阈值模式',
  'rel: better by a fraction of the best loss; abs: by a fixed amount.':
    'rel：比最佳损失好一定比例；abs：好一个固定量。',
  cooldown: '冷却期',
  'Steps after a drop during which bad steps are not counted.':
    '降低学习率后的这些步内，不计入无改进的步。',
  'The lr never drops below this.': '学习率永远不会低于此值。',
  epsilon: 'ε（最小变化量）',
  'A drop smaller than this is skipped.': '小于此值的降低会被跳过。',
  'Line fit y = 2x + 1 (Adam)': '直线拟合 y = 2x + 1（Adam）',
  'One weight and one bias fit 100 noisy points with Adam (lr 0.01, batch 10); the (w, b) path crosses the MSE surface towards w ≈ 2, b ≈ 1.5 (the noise has mean 0.5).':
    '一个权重和一个偏置用 Adam（lr 0.01，批大小 10）拟合 100 个带噪声的点；(w, b) 路径穿过均方误差曲面，走向 w ≈ 2、b ≈ 1.5（噪声均值为 0.5）。',
  'Logistic regression, 20 features': '逻辑回归，20 个特征',
  'make_classification-style data: 2 of the 20 features carry the class. A single linear layer with a sigmoid (binary cross-entropy) learns to weigh those two.':
    'make_classification 风格的数据：20 个特征中只有 2 个携带类别信息。一个带 sigmoid 的线性层（二元交叉熵）学会给这两个特征加权。',
  'Keras MLP 100 → 64 → 10 (Adam)': 'Keras MLP 100 → 64 → 10（Adam）',
  'The Keras example: Dense(64, relu) and Dense(10, softmax) with Adam, lr 0.01, on digits shrunk to 10×10 pixels (100 inputs).':
    'Keras 示例：Dense(64, relu) 和 Dense(10, softmax)，使用 Adam（lr 0.01），输入是缩小到 10×10 像素的手写数字（100 个输入）。',
  'MNIST MLP 784 → 128 → 10: six optimizers race': 'MNIST MLP 784 → 128 → 10：六种优化器比赛',
  'The article trains this MLP with Adagrad (lr 0.1, batch 32, 10 epochs); here SGD, momentum, AdaGrad, RMSprop, AdaDelta and Adam train it side by side from the same weights on the same batches.':
    '原文用 Adagrad（lr 0.1，批大小 32，10 个轮次）训练这个 MLP；这里 SGD、动量法、AdaGrad、RMSprop、AdaDelta 和 Adam 从相同的权重出发、在相同的批次上并排训练它。',
  'SGD + momentum, lr × 0.1 every 10 epochs, early stop':
    'SGD + 动量，每 10 个轮次学习率 × 0.1，提前停止',
  'SGD with lr 0.01 and momentum 0.9; StepLR multiplies the lr by 0.1 every 10 epochs, and training stops once the held-out accuracy passes 95 %.':
    'SGD，学习率 0.01，动量 0.9；StepLR 每 10 个轮次把学习率乘以 0.1，留出集准确率超过 95 % 时停止训练。',
  'Small CNN on MNIST': 'MNIST 上的小型 CNN',
  'Conv 3×3 with 8 channels → relu → max-pool 2 → Linear 10: far fewer weights than the MLP, and the first layer learns stroke detectors.':
    '8 通道 3×3 卷积 → relu → 2 倍最大池化 → 线性层 10：权重比 MLP 少得多，第一层学会检测笔画。',
  Runs: '运行',
  // Preset lane names (the names of the lanes a preset loads).
  'Momentum + step decay': '动量 + 阶梯衰减',
  'SGD + clip': 'SGD + 梯度裁剪',
  'Adam + plateau': 'Adam + 平台期降学习率',
  'Basin map': '吸引域地图',
  'Hyperparameter map': '超参数地图',
  'All surfaces': '全部曲面',
  'Loss surface map': '损失曲面地图',
  '3-D surface view': '三维曲面视图',
  'Your surface': '自定义曲面',
};
