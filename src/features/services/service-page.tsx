import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { diagnoseMesh } from '../../diagnosis';
import { KumaApiError } from '../../kuma/client';
import { displayNameOf } from '../../kuma/display-name';
import { meshCheckPath, meshListPath, meshPath, serviceDataplanesPath } from '../../lib/paths';
import { FindingCard } from '../../ui/finding-card';
import { StaleBanner } from '../../ui/live';
import { PageHeader } from '../../ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../ui/states';
import { Pill, StatusBadge } from '../../ui/status-badge';
import { useControlPlaneSnapshot } from '../trace';
import { Dataplanes } from './service-dataplanes';
import { type ServiceFinding, serviceFindings } from './service-findings';
import { serviceModel } from './service-model';
import { Observed } from './service-observed';
import { serviceStatus } from './service-status';
import { EntryPoints } from './ways-in';
import './services.css';

function Findings({ findings, mesh }: { findings: readonly ServiceFinding[]; mesh: string }) {
  const own = findings.filter((entry) => entry.about === 'service');
  const path = findings.filter((entry) => entry.about === 'path');
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
        <Link to={meshCheckPath(mesh)}>Check the whole mesh</Link>
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
            <Link to={serviceDataplanesPath(mesh, service)}>Search the dataplanes</Link> ·{' '}
          </>
        )}
        <Link to={meshListPath()}>All meshes</Link>
      </p>
    </EmptyState>
  );
}

function isNotFound(error: unknown): boolean {
  return error instanceof KumaApiError && error.status === 404;
}

export function ServicePage() {
  const { mesh = '', service = '' } = useParams();
  const data = useControlPlaneSnapshot(mesh);
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
      <PageHeader
        trail={[
          { label: 'Meshes', to: meshListPath() },
          { label: mesh, to: meshPath(mesh) },
          { label: 'Services', to: `${meshPath(mesh)}#mesh-services` },
          { label: service },
        ]}
        title={model?.identity.meshService ? displayNameOf(model.identity.meshService) : service}
        kind={
          model?.identity.meshService ? (
            <Pill tone="info">MeshService</Pill>
          ) : model?.known ? (
            <Pill>kuma.io/service</Pill>
          ) : undefined
        }
        status={status && model?.known ? <StatusBadge status={status} /> : undefined}
        subtitle={`mesh ${mesh}`}
      />
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
