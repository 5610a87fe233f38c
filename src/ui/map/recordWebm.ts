// Animated export: the map's paths growing from step 0 to the last, recorded as WebM from a
// canvas (captureStream + MediaRecorder). Each frame scrubs the store's step, takes the map's
// frame (pixels read back from the renderer, marks and legend drawn on top) and hands it to the
// stream; the step is restored afterwards, also on cancel or error.

import { setStep, useStore } from '../store';
import { takeMapFrame } from '../snapshot';
import { composeInto } from './snapshotPng';

export interface RecordOptions {
  /** Frames over the run (the first shows step 0, the last the final step). */
  readonly frames?: number;
  readonly fps?: number;
  /** Called with 0..1 after each frame. */
  readonly onProgress?: (done: number) => void;
  readonly signal?: AbortSignal;
}

/** The WebM type this browser records, or null when it cannot record one. */
export function webmType(): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  for (const t of ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'])
    if (MediaRecorder.isTypeSupported(t)) return t;
  return null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Records the run as a WebM Blob. Rejects with an AbortError when cancelled. */
export async function recordWebm(opts: RecordOptions = {}): Promise<Blob> {
  const type = webmType();
  if (!type) throw new Error('this browser cannot record WebM video');
  const frames = Math.max(2, Math.round(opts.frames ?? 90));
  const fps = opts.fps ?? 30;
  const first = await takeMapFrame();
  if (!first) throw new Error('no map view to record');
  const canvas = document.createElement('canvas');
  composeInto(canvas, first.image, first.marks, first.legend);
  const stream = canvas.captureStream(0);
  const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack | undefined;
  const recorder = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: 4_000_000 });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data);
  };
  const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));
  const initialStep = useStore.getState().config.step;
  const steps = useStore.getState().config.steps;
  recorder.start();
  try {
    for (let i = 0; i < frames; i++) {
      if (opts.signal?.aborted) throw new DOMException('recording cancelled', 'AbortError');
      const started = performance.now();
      setStep(Math.round((i / (frames - 1)) * steps));
      const f = await takeMapFrame();
      if (!f) throw new Error('the map went away while recording');
      composeInto(canvas, f.image, f.marks, f.legend);
      track?.requestFrame();
      opts.onProgress?.((i + 1) / frames);
      await sleep(Math.max(0, 1000 / fps - (performance.now() - started)));
    }
  } finally {
    recorder.stop();
    await stopped;
    stream.getTracks().forEach((t) => t.stop());
    setStep(initialStep);
  }
  return new Blob(chunks, { type: 'video/webm' });
}
