// Every full-page view module, imported once so that each registers itself (src/ui/views.ts).
import './train/TrainView';
