// Every view the page can show, registered once (src/ui/views.ts); the order here is the
// order of the toolbar's view switch. The map is part of the first load; every other view's
// component is loaded when it is first shown (code splitting keeps the first load small), and
// with it the batch kind it computes with (src/ui/compute/kinds.ts), which registers itself on
// load; the scheduler then runs it.

import { lazy } from 'react';
import { registerView } from './views';
import { SurfaceMap } from './map/SurfaceMap';

registerView({
  mode: 'single',
  label: 'Map',
  map: { component: SurfaceMap, areaLabel: 'Loss surface map' },
});
registerView({
  mode: '3d',
  label: '3-D',
  map: {
    component: lazy(() => import('./view3d/View3d').then((m) => ({ default: m.View3d }))),
    areaLabel: '3-D surface view',
  },
});
registerView({
  mode: 'grid',
  label: 'All surfaces',
  map: {
    component: lazy(() => import('./map/SurfaceGrid').then((m) => ({ default: m.SurfaceGrid }))),
    areaLabel: 'All surfaces',
    areaClass: 'grid-mode',
  },
});
registerView({
  mode: 'sweep',
  label: 'Hyperparameters',
  map: {
    component: lazy(() => import('./explore/SweepView').then((m) => ({ default: m.SweepView }))),
    areaLabel: 'Hyperparameter map',
  },
});
registerView({
  mode: 'basins',
  label: 'Basins',
  map: {
    component: lazy(() => import('./explore/BasinsView').then((m) => ({ default: m.BasinsView }))),
    areaLabel: 'Basin map',
  },
});
registerView({
  mode: 'train',
  label: 'Train',
  page: lazy(() => import('./train/TrainView').then((m) => ({ default: m.TrainView }))),
});
