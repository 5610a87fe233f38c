// "Copy as PyTorch" / "Copy as Keras" for Train-view lanes: every task with every optimizer
// (with a schedule, clipping and stopping rules) gives scripts Python can parse, with the
// lane's settings written out.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../src/core/url-codec';
import { REGISTRIES } from '../../src/ui/registry';
import { TASKS } from '../../src/core/train/tasks';
import { OPTIMIZERS } from '../../src/core/optimizers';
import { kerasTrainScript, pytorchTrainScript } from '../../src/core/train/export';
import type { Config } from '../../src/core/config';

function taskConfig(task: string): Config {
  return decodeConfig(`#mode=train&task=${task}`, REGISTRIES).config;
}

/** The scripts of every task × optimizer, with a schedule and clipping on odd ones. */
function allScripts(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const task of TASKS) {
    const base = taskConfig(task.id);
    OPTIMIZERS.forEach((optimizer, i) => {
      const lane = {
        ...(base.lanes[0] as Config['lanes'][number]),
        optimizer: { id: optimizer.id, params: { lr: 0.05, weight_decay: 0.001 } },
        schedule:
          i % 3 === 0
            ? { id: 'step_lr', params: { step_size: 2 } }
            : i % 3 === 1
              ? { id: 'reduce_lr_on_plateau', params: {} }
              : null,
        clip: { maxNorm: i % 2 ? 1 : null, maxValue: i % 2 ? null : 0.5 },
      };
      const config: Config = {
        ...base,
        lanes: [lane],
        train: { ...base.train, stop: { accuracy: 0.9, patience: 2 } },
      };
      out.push({
        name: `${task.id}-${optimizer.id}.py`,
        text: pytorchTrainScript(config, lane.id),
      });
      out.push({
        name: `${task.id}-${optimizer.id}-keras.py`,
        text: kerasTrainScript(config, lane.id),
      });
    });
  }
  return out;
}

describe('training script exports', () => {
  it('writes the lane, task and loop settings into the PyTorch script', () => {
    const config = taskConfig('mnist_mlp');
    const adagrad = config.lanes.find((l) => l.optimizer.id === 'adagrad')!;
    const text = pytorchTrainScript(config, adagrad.id);
    expect(text).toContain(
      'torch.optim.Adagrad(model.parameters(), lr=0.1, lr_decay=0.0, weight_decay=0.0, initial_accumulator_value=0.0, eps=1e-10)',
    );
    expect(text).toContain('nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))');
    expect(text).toContain('batch_size=32, shuffle=True');
    expect(text).toContain('for epoch in range(10):');
    expect(text).toContain('F.cross_entropy(out, y)');
    expect(text).toContain('torch.manual_seed(1)');
  });

  it('steps the schedule once per epoch and stops at the target accuracy', () => {
    const config = taskConfig('mnist_sgd_schedule');
    const text = pytorchTrainScript(config, config.lanes[0]!.id);
    expect(text).toContain('torch.optim.lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.1');
    expect(text.indexOf('    scheduler.step()')).toBeGreaterThan(text.indexOf('optimizer.step()'));
    expect(text).toContain('if accuracy is not None and accuracy > 0.95:');
    const keras = kerasTrainScript(config, config.lanes[0]!.id);
    expect(keras).toContain(
      'keras.optimizers.SGD(learning_rate=0.01, momentum=0.9, nesterov=False)',
    );
    expect(keras).toMatch(/lrs = \[0\.01, 0\.01, .*0\.001/);
    expect(keras).toContain("logs.get('val_accuracy', 0) > 0.95");
  });

  it('names what Keras does differently', () => {
    const config = taskConfig('mnist_mlp');
    const rmsprop = config.lanes.find((l) => l.optimizer.id === 'rmsprop')!;
    expect(kerasTrainScript(config, rmsprop.id)).toContain(
      '# Differs from PyTorch: epsilon: Keras RMSprop adds ε inside the square root',
    );
  });

  it('every task × optimizer gives scripts Python parses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'descent-scripts-'));
    try {
      const scripts = allScripts();
      for (const s of scripts) writeFileSync(join(dir, s.name), s.text);
      let report: string;
      try {
        report = execFileSync(
          'python3',
          [
            '-c',
            'import ast, pathlib, sys\nbad = []\nfor p in sorted(pathlib.Path(sys.argv[1]).glob("*.py")):\n    try:\n        ast.parse(p.read_text())\n    except SyntaxError as e:\n        bad.append(f"{p.name}:{e.lineno}: {e.msg}")\nprint(len(list(pathlib.Path(sys.argv[1]).glob("*.py"))), *bad, sep="\\n")',
            dir,
          ],
          { encoding: 'utf8' },
        );
      } catch (error) {
        throw new Error(
          `python3 is needed to check the exported scripts' syntax (Debian: apt-get install -y python3): ${String(error)}`,
        );
      }
      const [count, ...bad] = report.trim().split('\n');
      expect(bad).toEqual([]);
      expect(Number(count)).toBe(scripts.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
