import { Link } from 'react-router';
import { ROUTES } from '../lib/paths';

export function NotFound() {
  return (
    <div className="state state--empty">
      <h1 className="state__title">No such page</h1>
      <Link to={ROUTES.meshes}>Back to meshes</Link>
    </div>
  );
}
