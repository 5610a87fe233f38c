// Node module hook so that scripts run by tsx (the cases CLI, the benchmark) can import
// WGSL the way Vite does: `import source from './x.wgsl?raw'` gives the file's text.
import { register } from 'node:module';

register('./raw-hooks.mjs', import.meta.url);
