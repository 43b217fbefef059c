import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { ROUTES } from '../lib/paths';
import { ErrorState } from '../ui/states';

/** One screen failing (a render error, a bad URL) leaves the shell and other screens working. */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <div className="state state--empty">
        <p className="state__title">No such page.</p>
        <Link to={ROUTES.meshes}>Back to meshes</Link>
      </div>
    );
  }
  return (
    <ErrorState title="This screen failed" error={error} onRetry={() => window.location.reload()} />
  );
}
