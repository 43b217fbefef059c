import { useQueries } from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { diagnoseMesh } from '../../diagnosis';
import { KumaApiError } from '../../kuma/client';
import { displayNameOf } from '../../kuma/display-name';
import { proxyStatsQuery } from '../../kuma/queries/topology';
import type { ControlPlaneSnapshot } from '../../kuma/snapshot';
import { useKumaApi } from '../../ui/api-context';
import { FindingCard } from '../../ui/finding-card';
import { StaleBanner } from '../../ui/live';
import { useSettings } from '../../ui/settings';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { Pill, StatusBadge } from '../../ui/status-badge';
import { dataplaneListPath, dataplanePath } from '../dataplanes';
import { builtinGatewayPath, delegatedGatewayPath } from '../gateways';
import { gatewayRates, type StatsSample, sampleOf } from '../topology';
import { useControlPlaneSnapshot } from '../trace';
import { type ServiceFinding, serviceFindings } from './service-findings';
import type { BuiltinEntry, DelegatedEntry, ServiceModel } from './service-model';
import { serviceModel } from './service-model';
import { serviceStatus } from './service-status';
import {
  type GatewayTraffic,
  gatewayRateKey,
  MAX_SAMPLED_PROXIES,
  serviceTraffic,
} from './service-traffic';
import {
  builtinTraceInput,
  delegatedTraceInput,
  previewTrace,
  type TracePreview,
  tracePath,
} from './trace-request';
import './services.css';
import { counted } from '../../lib/plural';

/** Above this many proxies the table shows the first ones and links to the filtered list. */
const DATAPLANE_ROWS = 200;

function meshPath(mesh: string): string {
  return `/meshes/${encodeURIComponent(mesh)}`;
}

function Breadcrumbs({ mesh, service }: { mesh: string; service: string }) {
  return (
    <nav className="breadcrumbs svc-name" aria-label="Breadcrumbs">
      <Link to="/meshes">Meshes</Link> / <Link to={meshPath(mesh)}>{mesh}</Link> /{' '}
      <Link to={`${meshPath(mesh)}#mesh-services`}>Services</Link> /{' '}
      <span aria-current="page">{service}</span>
    </nav>
  );
}

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
      <Link to={tracePath(input)} aria-label={label} data-testid="trace-link">
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
      <Link
        to={kind === 'builtin' ? builtinGatewayPath(mesh, name) : delegatedGatewayPath(mesh, name)}
      >
        {label}
      </Link>{' '}
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

function EntryPoints({
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

function Dataplanes({ mesh, model }: { mesh: string; model: ServiceModel }) {
  const { dataplanes } = model;
  const online = dataplanes.filter((dataplane) => dataplane.status !== 'offline').length;
  const shown = dataplanes.slice(0, DATAPLANE_ROWS);
  return (
    <section className="card" aria-labelledby="svc-dataplanes">
      <h2 id="svc-dataplanes">
        Dataplanes ({online} of {dataplanes.length} online)
      </h2>
      {dataplanes.length === 0 ? (
        <EmptyState title={`No dataplane serves ${model.identity.name}.`}>
          <p className="muted">
            No proxy in mesh {mesh} has an inbound for it
            {model.identity.meshService ? ' and its MeshService selects none' : ''}: requests sent
            here find no endpoint (503 “no healthy upstream”).
          </p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table svc-dataplanes" data-testid="dataplane-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Inbounds</th>
                <th scope="col">Zone</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((dataplane) => (
                <tr key={dataplane.name}>
                  <td className="svc-name">
                    <Link to={dataplanePath(mesh, dataplane.name)}>{dataplane.displayName}</Link>
                    {dataplane.kind !== 'standard' && (
                      <>
                        {' '}
                        <Pill tone="info">{dataplane.kind} gateway</Pill>
                      </>
                    )}
                  </td>
                  <td>
                    <StatusBadge status={dataplane.status} />
                  </td>
                  <td>
                    {dataplane.inbounds.length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      dataplane.inbounds.map((inbound, index) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: inbounds are positional
                        <span key={index} className="svc-inbound">
                          :{inbound.port ?? '—'}{' '}
                          {inbound.ready ? (
                            <Pill tone="success">ready</Pill>
                          ) : (
                            <Pill tone="danger">not ready</Pill>
                          )}
                        </span>
                      ))
                    )}
                  </td>
                  <td>{dataplane.zone ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dataplanes.length > shown.length && (
        <p>
          <Link to={dataplaneListPath(`service:${model.identity.name}`, mesh)}>
            All {counted(dataplanes.length, 'dataplane')} in the dataplane list
          </Link>
        </p>
      )}
    </section>
  );
}

/**
 * What each gateway in front of the service sends it, from two samples of its connected proxies'
 * Envoy counters (as the topology measures its gateway links), read on the refresh interval.
 */
function useServiceTraffic(mesh: string, model: ServiceModel): GatewayTraffic[] {
  const api = useKumaApi();
  const { refreshMs, paused } = useSettings();
  const targets = model.gateways
    .flatMap((gateway) => gateway.connected.map((name) => ({ gateway, name })))
    .slice(0, MAX_SAMPLED_PROXIES);
  const stats = useQueries({
    queries: targets.map((target) => ({
      ...proxyStatsQuery(api, mesh, target.name),
      refetchInterval: paused ? (false as const) : refreshMs,
      refetchIntervalInBackground: false,
    })),
  });
  const samples = useRef(new Map<string, { previous?: StatsSample; current?: StatsSample }>());
  const stamp = stats.map((result) => result.dataUpdatedAt).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: memoized on the samples' times (`stamp`); the query array is new on every render
  return useMemo(() => {
    const inputs = targets.map((target, index) => {
      const result = stats[index];
      const entry = samples.current.get(target.name) ?? {};
      if (result?.data && result.dataUpdatedAt && entry.current?.at !== result.dataUpdatedAt) {
        entry.previous = entry.current;
        entry.current = sampleOf(result.data, result.dataUpdatedAt);
        samples.current.set(target.name, entry);
      }
      return { gatewayNodeId: gatewayRateKey(target.gateway), ...entry };
    });
    return serviceTraffic(gatewayRates(inputs), model.gateways, model.identity);
  }, [stamp, model]);
}

function formatRate(rate: number): string {
  return rate >= 10 ? rate.toFixed(0) : rate.toFixed(1);
}

function Traffic({ mesh, model }: { mesh: string; model: ServiceModel }) {
  const traffic = useServiceTraffic(mesh, model);
  if (traffic.length === 0) return null;
  return (
    <>
      <h3>Requests from its gateways</h3>
      <ul className="svc-traffic" data-testid="service-traffic">
        {traffic.map(({ gateway, traffic: rate }) => (
          <li key={`${gateway.kind}:${gateway.name}`} className="svc-name">
            {gateway.displayName}:{' '}
            {rate ? (
              <>
                {formatRate(rate.requestsPerSecond)} req/s
                {rate.requestsPerSecond > 0 &&
                  `, ${Math.round(rate.errorShare * 100)}% answered 4xx/5xx`}
              </>
            ) : (
              <span className="muted">nothing measured yet (two samples of its counters)</span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function Observed({ mesh, model }: { mesh: string; model: ServiceModel }) {
  const { insight, meshService } = model.identity;
  return (
    <section className="card" aria-labelledby="svc-observed">
      <h2 id="svc-observed">What the control plane reports</h2>
      {!insight && !meshService && (
        <p className="muted">
          No ServiceInsight or MeshService describes it: the control plane has no aggregate for it
          (it is only named by a route or an outbound, or this control plane computes none).
        </p>
      )}
      <dl className="details">
        {insight && (
          <>
            <dt>ServiceInsight</dt>
            <dd data-testid="insight">
              {insight.status.replace('_', ' ')}: {insight.dataplanes.online ?? 0} online,{' '}
              {insight.dataplanes.offline ?? 0} offline of {insight.dataplanes.total ?? 0}
              {insight.serviceType && insight.serviceType !== 'internal'
                ? ` (${insight.serviceType.replace('_', ' ')})`
                : ''}
            </dd>
          </>
        )}
        {meshService && (
          <>
            <dt>MeshService</dt>
            <dd className="svc-name" data-testid="mesh-service">
              {meshService.name}, state {meshService.spec?.state ?? 'unknown'}; proxies{' '}
              {meshService.status?.dataplaneProxies?.healthy ?? 0} healthy,{' '}
              {meshService.status?.dataplaneProxies?.connected ?? 0} connected of{' '}
              {meshService.status?.dataplaneProxies?.total ?? 0}
            </dd>
            <dt>Ports</dt>
            <dd>
              {(meshService.spec?.ports ?? [])
                .map(
                  (port) =>
                    `${port.port}${port.targetPort !== undefined ? ` → ${port.targetPort}` : ''}${port.appProtocol ? ` (${port.appProtocol})` : ''}`,
                )
                .join(', ') || '—'}
            </dd>
            {(meshService.status?.addresses ?? []).length > 0 && (
              <>
                <dt>Addresses</dt>
                <dd className="svc-name">
                  {(meshService.status?.addresses ?? [])
                    .map((address) => address.hostname)
                    .join(', ')}
                  {(meshService.status?.vips ?? []).length > 0 &&
                    ` (${(meshService.status?.vips ?? []).map((vip) => vip.ip).join(', ')})`}
                </dd>
              </>
            )}
            {meshService.status?.tls?.status && (
              <>
                <dt>mTLS</dt>
                <dd>{meshService.status.tls.status}</dd>
              </>
            )}
          </>
        )}
      </dl>
      <Traffic mesh={mesh} model={model} />
    </section>
  );
}

function Findings({ findings, mesh }: { findings: readonly ServiceFinding[]; mesh: string }) {
  const own = findings.filter((entry) => entry.about === 'service');
  const path = findings.filter((entry) => entry.about === 'path');
  const checkLink = `/trace?${new URLSearchParams({ tab: 'check', mesh }).toString()}`;
  return (
    <section className="card" aria-labelledby="svc-findings">
      <h2 id="svc-findings">Findings ({findings.length})</h2>
      {findings.length === 0 && (
        <p className="muted" data-testid="no-findings">
          The diagnosis finds nothing wrong with this service or the gateways and routes in front of
          it.
        </p>
      )}
      {own.length > 0 && (
        <>
          <h3>About the service</h3>
          <ul className="findings">
            {own.map((entry) => (
              <FindingCard
                key={entry.finding.id}
                finding={entry.finding}
                testId="service-finding"
              />
            ))}
          </ul>
        </>
      )}
      {path.length > 0 && (
        <>
          <h3>On the way in (its gateways and routes)</h3>
          <ul className="findings">
            {path.map((entry) => (
              <FindingCard
                key={entry.finding.id}
                finding={entry.finding}
                testId="service-finding"
              />
            ))}
          </ul>
        </>
      )}
      <p>
        <Link to={checkLink}>Check the whole mesh</Link>
      </p>
    </section>
  );
}

function NotFound({
  mesh,
  service,
  meshKnown,
}: {
  mesh: string;
  service: string;
  meshKnown: boolean;
}) {
  return (
    <EmptyState
      title={meshKnown ? `No service “${service}” in mesh “${mesh}”.` : `No mesh “${mesh}”.`}
    >
      <p className="muted" data-testid="service-not-found">
        {meshKnown
          ? 'No proxy serves it, no MeshService or ServiceInsight describes it, and no gateway route or outbound names it: it may have been removed, or the name in the address is wrong.'
          : 'The control plane has no mesh of that name: it may have been removed, or the address is wrong.'}
      </p>
      <p>
        {meshKnown && (
          <>
            <Link to={`${meshPath(mesh)}#mesh-services`}>Services of mesh {mesh}</Link> ·{' '}
            <Link to={dataplaneListPath(`service:${service}`, mesh)}>Search the dataplanes</Link> ·{' '}
          </>
        )}
        <Link to="/meshes">All meshes</Link>
      </p>
    </EmptyState>
  );
}

function isNotFound(error: unknown): boolean {
  return error instanceof KumaApiError && error.status === 404;
}

export function ServicePage() {
  const { mesh = '', service = '' } = useParams();
  const data = useControlPlaneSnapshot(mesh ? [mesh] : []);
  const meshSnapshot = data.snapshot?.meshes.find((entry) => entry.mesh.name === mesh);
  const model = useMemo(
    () => (meshSnapshot ? serviceModel(meshSnapshot, service) : undefined),
    [meshSnapshot, service],
  );
  const findings = useMemo(
    () => (data.snapshot && model ? serviceFindings(diagnoseMesh(data.snapshot, mesh), model) : []),
    [data.snapshot, model, mesh],
  );
  const status = model ? serviceStatus(model) : undefined;
  const meshMissing =
    (data.snapshot && !meshSnapshot) || (!data.snapshot && isNotFound(data.error));
  return (
    <>
      <Breadcrumbs mesh={mesh} service={service} />
      <div className="page-header">
        <h1 className="svc-name">
          {model?.identity.meshService ? displayNameOf(model.identity.meshService) : service}{' '}
          {model?.identity.meshService ? (
            <Pill tone="info">MeshService</Pill>
          ) : (
            model?.known && <Pill>kuma.io/service</Pill>
          )}{' '}
          {status && model?.known && <StatusBadge status={status} />}
        </h1>
        <span className="muted svc-name">mesh {mesh}</span>
      </div>
      <StaleBanner query={data.status} />
      {data.pending && !meshMissing && <LoadingState label="Reading the mesh…" />}
      {meshMissing && <NotFound mesh={mesh} service={service} meshKnown={false} />}
      {!meshMissing && data.error && !data.snapshot ? (
        <ErrorState title={`Cannot read mesh ${mesh}`} error={data.error} />
      ) : null}
      {data.snapshot && model && !model.known && (
        <NotFound mesh={mesh} service={service} meshKnown />
      )}
      {data.snapshot && model?.known && (
        <>
          <EntryPoints mesh={mesh} model={model} snapshot={data.snapshot} />
          <div className="grid svc-grid">
            <Dataplanes mesh={mesh} model={model} />
            <Observed mesh={mesh} model={model} />
          </div>
          <Findings findings={findings} mesh={mesh} />
        </>
      )}
    </>
  );
}
