// Stochastic gradients from a link: a noisy Adam lane draws a cloud of N runs with its mean
// path on the map and a mean loss with a 10–90 % band on the loss chart; a mini-batch lane on
// linear_regression does the same with a batch-size slider. Both on WebGPU (SwiftShader).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodePng,
  requireWebGpu,
  startApp,
  waitFor,
  type App,
  type AppPage,
  type Image,
} from './harness';
import { waitForResults, waitForSettled } from './app-hook';

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const PINK = '#ec4899';

/** A link with one lane, scrubbed to `step` (mid-flight, where a cloud is widest). */
function link(surface: string, start: string, lane: Record<string, unknown>, step = 300): string {
  const lanes = encodeURIComponent(JSON.stringify([{ name: 'Noisy', color: PINK, ...lane }]));
  return `#surface=${surface}&start=${start}&steps=300&step=${step}&lanes=${lanes}`;
}

/** Opens a link on WebGPU and waits until the GPU batch of its config has landed. */
async function openSettled(target: string): Promise<AppPage> {
  const p = await app.open(target);
  await requireWebGpu(p.page);
  const state = await waitForResults(p.page);
  expect(state.gpu.kind).toBe('webgpu');
  await waitFor(
    'the GPU batch',
    async () =>
      (await p.page.evaluate(() => {
        const hook = (
          window as unknown as {
            __descentLab?: { getResults(): { gpu: unknown; gpuPending: boolean } };
          }
        ).__descentLab;
        const r = hook?.getResults();
        return r !== undefined && r.gpu !== null && !r.gpuPending;
      }))
        ? true
        : undefined,
    120_000,
  );
  await waitForSettled(p.page);
  // A few frames for the map to draw the landed batch.
  await p.page.waitForTimeout(1500);
  return p;
}

/** Pixels in the pink family (the lane's colour and its lightened cloud): viridis has none. */
function pinkPixels(image: Image): number {
  let n = 0;
  for (let i = 0; i < image.width * image.height; i++) {
    const r = image.rgba[4 * i]!;
    const g = image.rgba[4 * i + 1]!;
    const b = image.rgba[4 * i + 2]!;
    if (r > 150 && b > 100 && r - g > 40 && b - g > 10) n++;
  }
  return n;
}

async function mapPink(p: AppPage, name: string): Promise<number> {
  const region = p.page.getByRole('region', { name: 'Loss surface map' });
  return pinkPixels(decodePng(await p.screenshot(name, region)));
}

describe('gradient noise from a link', () => {
  it('a noisy Adam lane on himmelblau draws a cloud of 1000 runs, its mean path and a loss band', async () => {
    const adam = { optimizer: { name: 'adam', lr: 0.05 } };
    const plain = await openSettled(link('himmelblau', '0,0', adam, 60));
    const plainPink = await mapPink(plain, 'noise-off-map');
    plain.assertClean();

    const p = await openSettled(
      link('himmelblau', '0,0', { ...adam, noise: { sigma: 20, runs: 1000 } }, 60),
    );
    const noisyPink = await mapPink(p, 'noise-cloud-map');
    // The cloud covers far more of the map than one path does.
    expect(noisyPink, `pink pixels: noisy ${noisyPink}, one path ${plainPink}`).toBeGreaterThan(
      3 * plainPink + 500,
    );
    const runs = await p.page.evaluate(() => {
      const hook = (
        window as unknown as { __descentLab: { getResults(): { lanes: { runCount: number }[] } } }
      ).__descentLab;
      return hook.getResults().lanes[0]!.runCount;
    });
    expect(runs).toBe(1000);
    // The loss chart: the mean and its band, labelled as a subsample.
    const charts = p.page.getByRole('region', { name: 'Charts' });
    await expect.poll(() => charts.locator('path.series-band').count()).toBeGreaterThan(0);
    await expect
      .poll(() => charts.getByText(/10–90 % band of the first 128 of 1000 noisy runs/).count())
      .toBe(1);
    await p.screenshot('noise-cloud-charts', charts);
    await p.screenshot('noise-cloud-page');
    p.assertClean();
  });

  it('without WebGPU a noisy lane runs on the CPU at reduced size, with the same picture parts', async () => {
    const p = await app.open(
      link(
        'himmelblau',
        '0,0',
        { optimizer: { name: 'adam', lr: 0.05 }, noise: { sigma: 20, runs: 1000 } },
        60,
      ),
      { withoutWebGpu: true },
    );
    const state = await waitForSettled(p.page);
    expect(state.gpu.kind).toBe('cpu-fallback');
    const runs = await p.page.evaluate(() => {
      const hook = (
        window as unknown as { __descentLab: { getResults(): { lanes: { runCount: number }[] } } }
      ).__descentLab;
      return hook.getResults().lanes[0]!.runCount;
    });
    expect(runs).toBe(400); // CPU_MAX_SWARM
    await p.page.waitForTimeout(1000);
    expect(await mapPink(p, 'noise-cpu-map')).toBeGreaterThan(500);
    const charts = p.page.getByRole('region', { name: 'Charts' });
    await expect
      .poll(() => charts.getByText(/band of the first 128 of 400 noisy runs/).count())
      .toBe(1);
    p.assertClean();
  });

  it('a mini-batch SGD lane on linear_regression: batch slider, cloud and band', async () => {
    const p = await openSettled(
      link('linear_regression', '-2,3', {
        optimizer: { name: 'sgd', lr: 0.1 },
        noise: { sigma: 0.1, runs: 500, batch: 2 },
      }),
    );
    expect(await mapPink(p, 'minibatch-map')).toBeGreaterThan(500);
    const charts = p.page.getByRole('region', { name: 'Charts' });
    await expect.poll(() => charts.locator('path.series-band').count()).toBeGreaterThan(0);
    // The lane card offers a batch size, not σ, on a data surface.
    await p.page
      .getByText(/schedule: none/)
      .first()
      .click();
    await expect
      .poll(() => p.page.getByRole('slider', { name: 'Noisy batch size' }).count())
      .toBe(1);
    expect(await p.page.getByRole('slider', { name: 'Noisy noise σ' }).count()).toBe(0);
    await p.screenshot('minibatch-page');
    p.assertClean();
  });
});
