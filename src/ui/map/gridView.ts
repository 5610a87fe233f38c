// The grid of every surface as a view: in the map's place, with its own batch kind.
import { registerView } from '../views';
import { SurfaceGrid } from './SurfaceGrid';
import './gridKind';

registerView({
  mode: 'grid',
  label: 'All surfaces',
  page: null,
  area: { component: SurfaceGrid, label: 'All surfaces' },
});
