// The page's compute: the scheduler and the batch kinds every view needs (the map's main
// runs); views register their own kinds (src/ui/map/gridKind.ts).
import './mainKind';

export { startCompute, schedule, gpuDevice, cancelJob, runAgain } from './scheduler';
export { CPU_MAX_SWARM } from './mainKind';
