// Every view module, imported once so that each registers itself (src/ui/views.ts). The order
// here is the order of the toolbar's view switch.
import './map/SurfaceMap';
import './view3d/View3d';
import './map/SurfaceGrid';
import './explore/SweepView';
import './explore/BasinsView';
import './train/TrainView';
