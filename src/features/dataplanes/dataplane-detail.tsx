import { Link, useParams } from 'react-router';
import { dataplaneKind, dataplaneServices, dataplaneStatus } from '../../kuma/dataplane-status';
import { displayNameOf, storedNameIfRenamed } from '../../kuma/display-name';
import { dataplaneDetailQuery } from '../../kuma/queries/dataplanes';
import type { DataplaneOverview } from '../../kuma/types';
import { dataplaneListPath, meshListPath, meshPath, servicePath } from '../../lib/paths';
import { useKumaApi } from '../../ui/api-context';
import { StaleBanner, useLiveQuery } from '../../ui/live';
import { PageHeader } from '../../ui/page-header';
import { ErrorState, LoadingState } from '../../ui/states';
import { Pill, StatusBadge } from '../../ui/status-badge';
import { Tabs } from '../../ui/tabs';
import { ClustersPanel, StatsPanel, XdsPanel, YamlPanel } from './dataplane-inspect';
import { DataplaneOverviewPanel } from './dataplane-overview';
import { KIND_LABELS, networkingOf, zoneOf } from './dataplane-rows';
import './dataplanes.css';

function Header({
  mesh,
  name,
  overview,
}: {
  mesh: string;
  name: string;
  overview?: DataplaneOverview;
}) {
  const trail = [
    { label: 'Meshes', to: meshListPath() },
    { label: mesh, to: meshPath(mesh) },
    { label: 'Dataplanes', to: dataplaneListPath({ mesh }) },
  ];
  if (!overview) return <PageHeader trail={trail} title={name} />;
  const networking = networkingOf(overview);
  const kind = dataplaneKind(networking);
  const services = dataplaneServices(networking);
  return (
    <PageHeader trail={trail} title={displayNameOf(overview)}>
      {storedNameIfRenamed(overview) && (
        <p className="muted dp-stored-name">
          Stored as <code>{overview.name}</code>
          {zoneOf(overview) ? ` (synced from zone ${zoneOf(overview)})` : ''}
        </p>
      )}
      <div className="dp-header-meta" data-testid="dataplane-summary">
        <StatusBadge status={dataplaneStatus(networking, overview.dataplaneInsight)} />
        <Pill tone={kind === 'standard' ? 'neutral' : 'info'}>{KIND_LABELS[kind]}</Pill>
        {services.map((service) => (
          <Link key={service} to={servicePath(overview.mesh, service)}>
            {service}
          </Link>
        ))}
      </div>
    </PageHeader>
  );
}

export function DataplaneDetail() {
  const { mesh = '', name = '' } = useParams();
  const api = useKumaApi();
  const detail = useLiveQuery(dataplaneDetailQuery(api, mesh, name));
  const overview = detail.data;
  const online = overview
    ? dataplaneStatus(networkingOf(overview), overview.dataplaneInsight) !== 'offline'
    : true;
  return (
    <>
      <Header mesh={mesh} name={name} overview={overview} />
      <StaleBanner query={detail} />
      {detail.isPending && <LoadingState label="Loading the dataplane…" />}
      {detail.isError && !overview && (
        <ErrorState
          title={`Cannot read dataplane ${name} in mesh ${mesh}`}
          error={detail.error}
          onRetry={() => void detail.refetch()}
        />
      )}
      {overview && (
        <Tabs
          label="Dataplane views"
          tabs={[
            {
              id: 'overview',
              label: 'Overview',
              render: () => <DataplaneOverviewPanel overview={overview} />,
            },
            {
              id: 'yaml',
              label: 'YAML',
              render: () => <YamlPanel mesh={mesh} name={name} />,
            },
            {
              id: 'stats',
              label: 'Stats',
              render: () => <StatsPanel mesh={mesh} name={name} online={online} />,
            },
            {
              id: 'clusters',
              label: 'Clusters',
              render: () => <ClustersPanel mesh={mesh} name={name} online={online} />,
            },
            {
              id: 'xds',
              label: 'xDS',
              render: () => <XdsPanel mesh={mesh} name={name} online={online} />,
            },
          ]}
        />
      )}
    </>
  );
}
