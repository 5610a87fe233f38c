// Every view module, imported once so that each registers itself (src/ui/views.ts), in the
// order of the toolbar's view switch.
import './map/gridView';
import './explore/SweepView';
import './explore/BasinsView';
import './train/TrainView';
