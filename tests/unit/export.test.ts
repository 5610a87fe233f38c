// Exports: CSV rows, JSON run specs that the cases CLI's parser reads back to the same runs,
// and "Copy as PyTorch" text with the lane's values.
import { describe, expect, it } from 'vitest';
import { pyValue, runsToCsv, runsToJson, toPyTorch } from '../../src/core/export';
import { parseRunSpecs } from '../../src/core/spec';
import { simulate } from '../../src/core/simulate';
import { optimizerById } from '../../src/core/optimizers';
import { scheduleById } from '../../src/core/schedules';
import { defaultValues, type ParamValue } from '../../src/core/params';
import type { ResolvedRun } from '../../src/core/types';
import { makeRun } from '../export-run';

const schedule = (id: string, params: Record<string, ParamValue>) => ({
  id,
  params: { ...defaultValues(scheduleById(id)!.params), ...params },
});

describe('CSV', () => {
  it('one row per lane and step, empty fields for non-finite values, quoted names', () => {
    const ok = makeRun('l1', 'adam', { lr: 0.05 });
    const bad = makeRun('l2', 'sgd', { lr: 10 });
    const t1 = simulate(ok);
    const t2 = simulate(bad);
    expect(t2.divergedAt).not.toBeNull();
    const csv = runsToCsv([
      { name: 'Adam, fast', run: ok, trajectory: t1 },
      { name: 'SGD "hot"', run: bad, trajectory: t2 },
    ]);
    const lines = csv.trimEnd().split('\n');
    // Adam's state columns follow; plain SGD keeps none (tests/unit/export-csv.test.ts).
    expect(lines[0]).toBe(
      'lane,run,step,x,y,loss,lr,exp_avg_x,exp_avg_y,exp_avg_sq_x,exp_avg_sq_y',
    );
    expect(lines).toHaveLength(1 + 2 * 21);
    expect(lines[1]).toBe(`"Adam, fast",l1,0,-1.5,2,${t1.loss[0]},0.05,0,0,0,0`);
    expect(lines[21]!.split(',')[7]).toBe(''); // the final point has no lr (field 7: the name has a comma)
    expect(lines[22]!.startsWith('"SGD ""hot""",l2,0,')).toBe(true);
    expect(csv).not.toMatch(/NaN|Infinity/);
    const last = lines[lines.length - 1]!.split(',');
    expect(last.slice(3)).toEqual(['', '', '', '', '', '', '', '']);
  });
});

describe('JSON run specs', () => {
  it('parse back (as the cases CLI parses them) to the same runs, with the produced trajectories', () => {
    const runs: ResolvedRun[] = [
      makeRun(
        'a',
        'adam',
        { lr: 0.01, beta2: 0.99 },
        { schedule: schedule('step_lr', { step_size: 5 }) },
      ),
      makeRun(
        'b',
        'sgd',
        { lr: 0.001, momentum: 0.9, nesterov: true },
        { clip: { maxNorm: 1, maxValue: 0.5 } },
      ),
      makeRun('c', 'adam', { lr: 0.01 }, {}, 'linear_regression'),
      makeRun(
        'd',
        'rmsprop',
        { lr: 0.01 },
        { schedule: schedule('reduce_lr_on_plateau', { patience: 2 }) },
      ),
    ];
    const exported = runs.map((run) => ({ name: run.id, run, trajectory: simulate(run) }));
    const json = JSON.parse(runsToJson(exported)) as Array<Record<string, unknown>>;
    expect(Array.isArray(json)).toBe(true);
    const parsed = parseRunSpecs(json);
    expect(parsed).toEqual(runs);
    const first = json[0] as {
      expected: { float64: { x: number[][]; loss: number[]; lr: number[] } };
    };
    expect(first.expected.float64.x).toHaveLength(21);
    expect(first.expected.float64.lr).toHaveLength(20);
    expect(first.expected.float64.x[0]).toEqual([-1.5, 2]);
    // Replaying gives the exported numbers.
    const replay = simulate(parsed[0]!);
    expect(first.expected.float64.loss).toEqual(Array.from(replay.loss));
  });

  it('writes non-finite entries as null and says where the run diverged', () => {
    const run = makeRun('hot', 'sgd', { lr: 10 });
    const t = simulate(run);
    const json = JSON.parse(runsToJson([{ name: 'hot', run, trajectory: t }])) as Array<
      Record<string, unknown>
    >;
    const f64 = (json[0]!['expected'] as { float64: { loss: unknown[]; diverged_at: number } })
      .float64;
    expect(f64.diverged_at).toBe(t.divergedAt);
    const loss = f64.loss;
    expect(loss).toContain(null);
    expect(parseRunSpecs(json)).toEqual([run]); // still replayable
  });
});

describe('Copy as PyTorch', () => {
  it('writes the optimizer with every value, betas as a tuple, the scheduler and clipping', () => {
    const run = makeRun(
      'l1',
      'adam',
      { lr: 0.05, beta1: 0.8, beta2: 0.999, eps: 1e-8, amsgrad: true },
      {
        schedule: schedule('step_lr', { step_size: 50, gamma: 0.5 }),
        clip: { maxNorm: 1, maxValue: 0.25 },
        steps: 300,
      },
    );
    const text = toPyTorch(run, optimizerById('adam')!, scheduleById('step_lr')!, 'Adam');
    expect(text).toContain(
      'optimizer = torch.optim.Adam(params, lr=0.05, betas=(0.8, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=True)',
    );
    expect(text).toContain(
      'scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=50, gamma=0.5)',
    );
    expect(text).toContain('torch.nn.utils.clip_grad_norm_(params, max_norm=1.0)');
    expect(text).toContain('torch.nn.utils.clip_grad_value_(params, clip_value=0.25)');
    expect(text).toContain('for step in range(300):');
    expect(text).toContain('    scheduler.step()\n');
    expect(text.indexOf('clip_grad_norm_')).toBeLessThan(text.indexOf('optimizer.step()'));
    expect(text).toContain('torch.tensor([-1.5, 2.0]');
  });

  it('ReduceLROnPlateau steps on the loss; OneCycleLR gets cycle_momentum=False; SGD with nesterov', () => {
    const plateau = makeRun(
      'p',
      'sgd',
      { lr: 0.1, momentum: 0.9, nesterov: true },
      {
        schedule: schedule('reduce_lr_on_plateau', { patience: 3 }),
      },
    );
    const t1 = toPyTorch(plateau, optimizerById('sgd')!, scheduleById('reduce_lr_on_plateau')!);
    expect(t1).toMatch(/torch\.optim\.SGD\(params, lr=0\.1, momentum=0\.9, .*nesterov=True/);
    expect(t1).toMatch(/ReduceLROnPlateau\(optimizer, mode='min', .*patience=3/);
    expect(t1).toContain('scheduler.step(loss.item())');
    const cyc = makeRun(
      'c',
      'adam',
      { lr: 0.01 },
      { schedule: schedule('one_cycle_lr', { max_lr: 0.1, total_steps: 20 }) },
    );
    const t2 = toPyTorch(cyc, optimizerById('adam')!, scheduleById('one_cycle_lr')!);
    expect(t2).toMatch(
      /OneCycleLR\(optimizer, max_lr=0\.1, total_steps=20, .*cycle_momentum=False\)/,
    );
    const plain = toPyTorch(makeRun('x', 'adagrad', { lr: 0.1 }), optimizerById('adagrad')!, null);
    expect(plain).not.toContain('scheduler');
    expect(plain).not.toContain('clip_grad');
  });

  it('formats Python values', () => {
    expect(pyValue(true)).toBe('True');
    expect(pyValue(1)).toBe('1.0');
    expect(pyValue(1, true)).toBe('1');
    expect(pyValue(1e-8)).toBe('1e-8');
    expect(pyValue("it's")).toBe("'it\\'s'");
    expect(pyValue([100, 200], true)).toBe('[100, 200]');
    expect(pyValue(NaN)).toBe("float('nan')");
  });
});
