// Bounds on what a run may ask for, shared by the run-spec parser, the URL codec and the UI.

/** Most steps one run may take (the UI offers up to this; the engine records every s-th step). */
export const MAX_STEPS = 100_000;
/** Largest |coordinate| a start point may have; beyond it float32 loses the surfaces' detail. */
export const MAX_START_ABS = 1e6;
