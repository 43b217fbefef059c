/**
 * The service page's "Ways in": every gateway rule that sends requests here (from the mesh
 * model, `service-model.ts`), each with a one-click trace and its verdict, and the routes that
 * name the service but send it nothing.
 */
import { Link } from 'react-router';
import type { ControlPlaneSnapshot } from '../../kuma/snapshot';
import { builtinGatewayPath, gatewayPath } from '../../lib/paths';
import { counted } from '../../lib/plural';
import { EmptyState } from '../../ui/states';
import { Pill } from '../../ui/status-badge';
import type { BuiltinEntry, DelegatedEntry, ServiceModel } from './service-model';
import {
  builtinTraceInput,
  delegatedTraceInput,
  previewTrace,
  type TracePreview,
  traceRequestPath,
} from './trace-request';

function Verdict({ preview }: { preview: TracePreview | undefined }) {
  if (!preview) return null;
  const { verdict, reaches } = preview;
  const tone = verdict.kind === 'ok' ? 'success' : verdict.status === 0 ? 'danger' : 'warning';
  return (
    <span className="svc-verdict" title={verdict.message}>
      <Pill tone={tone}>{verdict.status === 0 ? 'no answer' : verdict.status}</Pill>
      {reaches === 'elsewhere' && <span className="muted"> reaches other backends</span>}
    </span>
  );
}

function TraceLink({
  snapshot,
  model,
  input,
  label,
}: {
  snapshot: ControlPlaneSnapshot;
  model: ServiceModel;
  input: ReturnType<typeof builtinTraceInput>;
  label: string;
}) {
  const preview = previewTrace(snapshot, input, model.identity);
  return (
    <span className="svc-trace">
      <Link to={traceRequestPath(input)} aria-label={label} data-testid="trace-link">
        Trace
      </Link>{' '}
      <Verdict preview={preview} />
    </span>
  );
}

function GatewayCell({
  mesh,
  kind,
  name,
  label,
  model,
}: {
  mesh: string;
  kind: 'builtin' | 'delegated';
  name: string;
  label: string;
  model: ServiceModel;
}) {
  const summary = model.gateways.find((entry) => entry.kind === kind && entry.name === name);
  return (
    <>
      <Link to={gatewayPath({ mesh, name, gatewayKind: kind })}>{label}</Link>{' '}
      <Pill tone={kind === 'builtin' ? 'info' : 'neutral'}>{kind}</Pill>
      {summary && (
        <div className="muted">
          {summary.online} of {counted(summary.total, 'instance')} online
        </div>
      )}
    </>
  );
}

function BuiltinRows({
  mesh,
  entries,
  model,
  snapshot,
}: {
  mesh: string;
  entries: readonly BuiltinEntry[];
  model: ServiceModel;
  snapshot: ControlPlaneSnapshot;
}) {
  return entries.map((entry) => (
    <tr key={entry.key} data-testid="entry-row">
      <td className="svc-name">
        <GatewayCell
          mesh={mesh}
          kind="builtin"
          name={entry.gateway}
          label={entry.gatewayDisplayName}
          model={model}
        />
      </td>
      <td className="svc-name">
        {entry.listener.protocol} :{entry.listener.port ?? '—'}
        <div className="muted">
          listener #{entry.listener.index}
          {entry.listener.crossMesh ? ', cross-mesh' : ''}
        </div>
      </td>
      <td className="svc-name">{entry.virtualHost ?? entry.listener.hostname}</td>
      <td className="svc-name">
        {entry.route.name}
        <div className="muted svc-nowrap">{entry.route.type}</div>
      </td>
      <td className="svc-name">
        {entry.match}
        {entry.percent < 100 && <div className="muted">{entry.percent}% of its requests</div>}
      </td>
      <td className="svc-name">
        {entry.gatewayBroken ? (
          <span className="svc-problem">{entry.gatewayBroken}</span>
        ) : entry.resolution.resolved ? (
          entry.resolution.healthSummary
        ) : (
          <span className="svc-problem">{entry.resolution.summary}</span>
        )}
      </td>
      <td>
        {entry.listener.crossMesh ? (
          <span className="muted">from other meshes&apos; proxies only</span>
        ) : (
          <TraceLink
            snapshot={snapshot}
            model={model}
            input={builtinTraceInput(mesh, entry)}
            label={`Trace ${entry.match} through ${entry.gatewayDisplayName}`}
          />
        )}
      </td>
    </tr>
  ));
}

function DelegatedRows({
  mesh,
  entries,
  model,
  snapshot,
}: {
  mesh: string;
  entries: readonly DelegatedEntry[];
  model: ServiceModel;
  snapshot: ControlPlaneSnapshot;
}) {
  return entries.map((entry) => (
    <tr key={entry.key} data-testid="entry-row">
      <td className="svc-name">
        <GatewayCell
          mesh={mesh}
          kind="delegated"
          name={entry.gateway}
          label={entry.gateway}
          model={model}
        />
      </td>
      <td className="svc-name">
        {entry.listeners.map((address) => (
          <div key={address}>
            <code className="svc-nowrap">{address}</code>
          </div>
        ))}
        <div className="muted">outbound</div>
      </td>
      <td colSpan={3} className="muted">
        The proxy's own hosts and routes (Kong's configuration): Kuma sees only the outbound leg.
      </td>
      <td className="svc-name">{entry.via}</td>
      <td>
        <TraceLink
          snapshot={snapshot}
          model={model}
          input={delegatedTraceInput(mesh, entry)}
          label={`Trace through delegated gateway ${entry.gateway}`}
        />
      </td>
    </tr>
  ));
}

export function EntryPoints({
  mesh,
  model,
  snapshot,
}: {
  mesh: string;
  model: ServiceModel;
  snapshot: ControlPlaneSnapshot;
}) {
  const none = model.builtin.length === 0 && model.delegated.length === 0;
  return (
    <section className="card" aria-labelledby="svc-ingress">
      <h2 id="svc-ingress">Ways in</h2>
      <p className="muted">
        The gateway rules that send requests here, as kuma-cp generates them from the gateways&apos;
        listeners and the routes that attach; each trace opens the debugger with a request that
        takes that rule.
      </p>
      {none ? (
        <EmptyState title={`No gateway sends traffic to ${model.identity.name}.`}>
          <p className="muted">
            No route of a built-in gateway has it as a backend, and no delegated gateway declares an
            outbound to it: it is reached from inside the mesh only.
          </p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table svc-ways" data-testid="entry-table">
            <thead>
              <tr>
                <th scope="col">Gateway</th>
                <th scope="col">Listener</th>
                <th scope="col">Host</th>
                <th scope="col">Route</th>
                <th scope="col">Match</th>
                <th scope="col">Backend</th>
                <th scope="col">Trace</th>
              </tr>
            </thead>
            <tbody>
              <BuiltinRows mesh={mesh} entries={model.builtin} model={model} snapshot={snapshot} />
              <DelegatedRows
                mesh={mesh}
                entries={model.delegated}
                model={model}
                snapshot={snapshot}
              />
            </tbody>
          </table>
        </div>
      )}
      {model.inactive.length > 0 && (
        <>
          <h3>Routes that name it but send it nothing</h3>
          <ul className="svc-inactive" data-testid="inactive-routes">
            {model.inactive.map((route) => (
              <li key={`${route.type}/${route.name}`} className="svc-name">
                <strong>{route.name}</strong> <span className="muted">{route.type}</span>
                {route.gateway && (
                  <>
                    {' '}
                    on <Link to={builtinGatewayPath(mesh, route.gateway)}>{route.gateway}</Link>
                  </>
                )}
                : {route.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
