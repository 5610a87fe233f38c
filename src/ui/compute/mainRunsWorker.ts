// The worker that computes the lanes' float64 main runs (and their effective step sizes)
// when they are too long for the frame of the change (src/ui/compute/mainRuns.ts).

import { CUSTOM_SURFACE_ID, loadTypedSurfaces } from '../../core/surfaceRef';
import { computeMainRun, type MainRunsRequest, type MainRunsResponse } from './mainRunsProtocol';

self.onmessage = async (event: MessageEvent<MainRunsRequest>) => {
  const { id, runs } = event.data;
  let response: MainRunsResponse;
  try {
    // A typed surface needs the formula parser, which this worker loads on first use too.
    if (runs.some((run) => run.surface.id === CUSTOM_SURFACE_ID)) await loadTypedSurfaces();
    const mains = runs.map((run) => computeMainRun(run));
    response = { id, ok: true, mains };
    const buffers = mains.flatMap((m) => [
      m.trajectory.x.buffer,
      m.trajectory.loss.buffer,
      m.trajectory.lr.buffer,
      m.effective[0].buffer,
      m.effective[1].buffer,
    ]);
    (self as unknown as Worker).postMessage(response, buffers);
  } catch (error) {
    response = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
    (self as unknown as Worker).postMessage(response);
  }
};
