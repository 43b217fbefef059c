import { Link } from 'react-router';

export function NotFound() {
  return (
    <div className="state state--empty">
      <h1 className="state__title">No such page</h1>
      <Link to="/meshes">Back to meshes</Link>
    </div>
  );
}
