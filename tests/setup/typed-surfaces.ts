// The expression parser is loaded on demand in the app (src/core/surfaceRef.ts); the unit and
// GPU tests meet typed surfaces anywhere (links, specs, runs), so it is loaded before each file.
import { loadTypedSurfaces } from '../../src/core/surfaceRef';

await loadTypedSurfaces();
