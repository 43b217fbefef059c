/**
 * Links and buttons the gateway screens show to reach the forms: create, edit, add a route,
 * delete. Small on purpose: the forms themselves load with their own routes.
 */
import { Link } from 'react-router';
import { useKumaApi } from '../../app/api-context';
import { builtinGatewayPath, delegatedGatewayPath } from '../gateways/gateway-summary';
import { DeleteBuiltinGatewayButton, DeleteDelegatedGatewayButton } from './delete';
import './forms.css';

export function createGatewayPath(
  options: { mesh?: string; kind?: 'builtin' | 'delegated'; service?: string } = {},
): string {
  const params = new URLSearchParams();
  if (options.kind) params.set('kind', options.kind);
  if (options.mesh) params.set('mesh', options.mesh);
  if (options.service) params.set('service', options.service);
  const query = params.toString();
  return `/gateways/new${query ? `?${query}` : ''}`;
}

export function editGatewayPath(mesh: string, name: string): string {
  return `${builtinGatewayPath(mesh, name)}/edit`;
}

export function newRoutePath(mesh: string, gateway: string, kind: 'http' | 'tcp' = 'http'): string {
  return `${builtinGatewayPath(mesh, gateway)}/routes/new?kind=${kind}`;
}

export function editRoutePath(mesh: string, gateway: string, type: string, name: string): string {
  const kind = type === 'MeshTCPRoute' ? 'tcp' : 'http';
  return `${builtinGatewayPath(mesh, gateway)}/routes/${kind}/${encodeURIComponent(name)}/edit`;
}

export function editDelegatedPath(mesh: string, service: string, dataplane: string): string {
  return `${delegatedGatewayPath(mesh, service)}/dataplanes/${encodeURIComponent(dataplane)}/edit`;
}

export function CreateGatewayLink({ mesh }: { mesh?: string }) {
  return (
    <Link className="button button--primary" to={createGatewayPath({ mesh })}>
      Create gateway
    </Link>
  );
}

/** Edit, Add route and Delete for a built-in gateway. */
export function BuiltinGatewayActions({ mesh, name }: { mesh: string; name: string }) {
  const { caps } = useKumaApi();
  if (!caps.builtinGateways) return null;
  return (
    <div className="gwf-entry-actions" data-testid="gateway-actions">
      <Link className="button" to={editGatewayPath(mesh, name)}>
        Edit
      </Link>
      <Link className="button" to={newRoutePath(mesh, name)}>
        Add route
      </Link>
      <DeleteBuiltinGatewayButton mesh={mesh} name={name} />
    </div>
  );
}

export function RouteEditLink({
  mesh,
  gateway,
  type,
  name,
}: {
  mesh: string;
  gateway: string;
  type: string;
  name: string;
}) {
  return (
    <Link
      className="button button--small"
      to={editRoutePath(mesh, gateway, type, name)}
      aria-label={`Edit ${type} ${name}`}
    >
      Edit
    </Link>
  );
}

/** Add an instance, edit one of its Dataplanes, or delete a delegated gateway (Universal). */
export function DelegatedGatewayActions({
  mesh,
  service,
  dataplanes,
}: {
  mesh: string;
  service: string;
  dataplanes: readonly string[];
}) {
  const { caps } = useKumaApi();
  if (caps.environment === 'kubernetes') {
    return (
      <div className="gwf-entry-actions" data-testid="gateway-actions">
        <Link className="button" to={createGatewayPath({ mesh, kind: 'delegated' })}>
          Kong Helm values
        </Link>
      </div>
    );
  }
  return (
    <div className="gwf-entry-actions" data-testid="gateway-actions">
      <Link className="button" to={createGatewayPath({ mesh, kind: 'delegated', service })}>
        Add instance
      </Link>
      {dataplanes.map((dataplane) => (
        <Link
          key={dataplane}
          className="button"
          to={editDelegatedPath(mesh, service, dataplane)}
          aria-label={`Edit Dataplane ${dataplane}`}
        >
          Edit {dataplanes.length > 1 ? dataplane : ''}
        </Link>
      ))}
      <DeleteDelegatedGatewayButton mesh={mesh} service={service} dataplanes={dataplanes} />
    </div>
  );
}
