// "Copy as PyTorch" for a Train-view lane: a whole training script with the task's data, the
// model, the lane's optimizer, schedule (stepped per epoch), clipping, batch size, epochs and
// stopping rules written out, with the semantics the app runs (torch.optim 1.13).

import type { Config } from '../config';
import { pyKwargs, pyValue } from '../export';
import { trainModel, trainTask, type TrainConfig } from './trainConfig';
import type { ModelSpec } from './types';
import { header, laneParts } from './exportParts';

// ---- data -----------------------------------------------------------------------------------

function pytorchData(train: TrainConfig): string[] {
  const source = trainTask(train).source;
  switch (source) {
    case 'line':
      return [
        'import numpy as np',
        `rng = np.random.default_rng(${train.seed})`,
        'x = rng.random((100, 1))',
        'y = 2 * x + 1 + rng.random((100, 1))  # the line y = 2x + 1 plus U(0, 1) noise',
        'x_train = x_test = torch.tensor(x, dtype=torch.float32)',
        'y_train = y_test = torch.tensor(y[:, 0], dtype=torch.float32)',
      ];
    case 'classification':
      return [
        'from sklearn.datasets import make_classification',
        'from sklearn.model_selection import train_test_split',
        `x, y = make_classification(n_samples=1000, n_features=20, n_informative=2, n_redundant=0, random_state=${train.seed})`,
        `x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, random_state=${train.seed})`,
        'x_train, x_test = (torch.tensor(a, dtype=torch.float32) for a in (x_train, x_test))',
        'y_train, y_test = (torch.tensor(a, dtype=torch.float32) for a in (y_train, y_test))',
      ];
    case 'mnist28':
    case 'mnist10':
      return [
        'from torchvision import datasets',
        '# Descent Lab trains on a fixed 8,000 / 2,000 split of 10,000 MNIST digits; here the',
        '# full MNIST training and test sets.',
        "train_set = datasets.MNIST('data', train=True, download=True)",
        "test_set = datasets.MNIST('data', train=False, download=True)",
        'def images(s):',
        '    x = s.data.float().unsqueeze(1) / 255  # N × 1 × 28 × 28 in [0, 1]',
        ...(source === 'mnist10'
          ? ["    x = F.interpolate(x, size=(10, 10), mode='area')  # area-averaged to 10 × 10"]
          : []),
        ...(trainModel(train).kind === 'mlp' ? ['    x = x.flatten(1)'] : []),
        '    return x',
        'x_train, y_train = images(train_set), train_set.targets',
        'x_test, y_test = images(test_set), test_set.targets',
      ];
  }
}

function pytorchModel(model: ModelSpec): string[] {
  const act: Record<string, string> = {
    relu: 'nn.ReLU()',
    tanh: 'nn.Tanh()',
    sigmoid: 'nn.Sigmoid()',
    none: '',
  };
  if (model.kind === 'cnn') {
    const [channels, height, width] = model.input;
    const k = model.kernelSize;
    const features =
      model.outChannels *
      Math.floor((height - k + 1) / model.pool) *
      Math.floor((width - k + 1) / model.pool);
    const layers = [
      `nn.Conv2d(${channels}, ${model.outChannels}, kernel_size=${k})`,
      act[model.activation],
      `nn.MaxPool2d(${model.pool})`,
      'nn.Flatten()',
      `nn.Linear(${features}, ${model.classes})`,
    ].filter(Boolean);
    return [`model = nn.Sequential(${layers.join(', ')})`];
  }
  const layers: string[] = [];
  model.sizes.slice(1).forEach((out, l) => {
    layers.push(`nn.Linear(${model.sizes[l]}, ${out})`);
    if (l + 2 < model.sizes.length && act[model.activation])
      layers.push(act[model.activation] as string);
  });
  return [`model = nn.Sequential(${layers.join(', ')})`];
}

/** The batch loss in Python, of outputs `out` against targets `y`. */
function lossPy(loss: ModelSpec['loss'], y: string): string {
  switch (loss) {
    case 'cross_entropy':
      return `F.cross_entropy(out, ${y})`;
    case 'bce':
      return `F.binary_cross_entropy_with_logits(out[:, 0], ${y})`;
    case 'mse':
      return `F.mse_loss(out[:, 0], ${y})`;
  }
}

/** A runnable PyTorch training script for the lane. */
export function pytorchTrainScript(config: Config, laneId: string): string {
  const train = config.train;
  const parts = laneParts(config, laneId);
  const model = trainModel(train);
  const feedback = parts.schedule?.kind === 'feedback';
  const lines: string[] = [
    ...header(train, parts, 'PyTorch'),
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    '',
    `torch.manual_seed(${parts.seed})`,
    ...pytorchData(train),
    '',
    ...pytorchModel(model),
    `optimizer = torch.optim.${parts.optimizer.torchClass}(model.parameters(), ${pyKwargs(parts.optimizer.params, parts.params).join(', ')})`,
  ];
  if (parts.schedule) {
    const kwargs = pyKwargs(parts.schedule.params, parts.scheduleParams);
    if (parts.schedule.id === 'one_cycle_lr') kwargs.push('cycle_momentum=False');
    lines.push(
      `scheduler = torch.optim.lr_scheduler.${parts.schedule.torchClass}(optimizer, ${kwargs.join(', ')})`,
    );
  }
  lines.push(
    `loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x_train, y_train), batch_size=${train.batchSize}, shuffle=True)`,
    '',
    'def evaluate():',
    '    with torch.no_grad():',
    '        out = model(x_test)',
    `        loss = ${lossPy(model.loss, 'y_test')}.item()`,
  );
  if (model.loss === 'cross_entropy')
    lines.push('        accuracy = (out.argmax(1) == y_test).float().mean().item()');
  else if (model.loss === 'bce')
    lines.push('        accuracy = ((out[:, 0] > 0).float() == y_test).float().mean().item()');
  else lines.push('        accuracy = None');
  lines.push('    return loss, accuracy', '');
  if (train.stop.patience !== null) lines.push("best, since_best = float('inf'), 0");
  lines.push(
    `for epoch in range(${train.epochs}):`,
    '    losses = []',
    '    for x, y in loader:',
    '        optimizer.zero_grad()',
    '        out = model(x)',
    `        loss = ${lossPy(model.loss, 'y')}`,
    '        loss.backward()',
  );
  if (parts.lane.clip.maxNorm !== null)
    lines.push(
      `        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=${pyValue(parts.lane.clip.maxNorm)})`,
    );
  if (parts.lane.clip.maxValue !== null)
    lines.push(
      `        torch.nn.utils.clip_grad_value_(model.parameters(), clip_value=${pyValue(parts.lane.clip.maxValue)})`,
    );
  lines.push('        optimizer.step()', '        losses.append(loss.item())');
  if (parts.schedule)
    lines.push(feedback ? '    scheduler.step(sum(losses) / len(losses))' : '    scheduler.step()');
  lines.push(
    '    test_loss, accuracy = evaluate()',
    "    print(f'epoch {epoch + 1}: train loss {sum(losses) / len(losses):.4f}, test loss {test_loss:.4f}, test accuracy {accuracy}')",
  );
  if (train.stop.accuracy !== null)
    lines.push(
      `    if accuracy is not None and accuracy > ${pyValue(train.stop.accuracy)}:`,
      "        print('early stop: the test accuracy passed the target')",
      '        break',
    );
  if (train.stop.patience !== null)
    lines.push(
      '    if test_loss < best:',
      '        best, since_best = test_loss, 0',
      '    else:',
      '        since_best += 1',
      `    if since_best >= ${train.stop.patience}:`,
      "        print('early stop: no lower test loss')",
      '        break',
    );
  return `${lines.join('\n')}\n`;
}
