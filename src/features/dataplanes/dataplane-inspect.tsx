import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useMemo } from 'react';
import { clusterTraffic, parseEnvoyStatsText } from '../../kuma/envoy-stats';
import { dataplaneInspectQuery, type InspectKind } from '../../kuma/queries/dataplanes';
import { useKumaApi } from '../../ui/api-context';
import { CodeBlock } from '../../ui/code-block';
import { ErrorState, LoadingState } from '../../ui/states';
import { Tabs } from '../../ui/tabs';
import { formatTime } from './format';
import { useYamlText } from './use-yaml';

interface PanelProps {
  mesh: string;
  name: string;
}

interface EnvoyPanelProps extends PanelProps {
  online: boolean;
}

/** One inspect call, fetched when its tab opens and again only on Refresh (never polled). */
function useInspect({ mesh, name }: PanelProps, kind: InspectKind) {
  const api = useKumaApi();
  return useQuery({
    ...dataplaneInspectQuery(api, mesh, name, kind),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}

function InspectFrame({
  query,
  what,
  errorTitle,
  errorNote,
  children,
}: {
  query: ReturnType<typeof useInspect>;
  what: string;
  errorTitle: string;
  errorNote?: string;
  children: (data: unknown) => ReactNode;
}) {
  return (
    <div>
      <div className="dp-inspect-bar">
        <button
          type="button"
          className="button button--small"
          onClick={() => void query.refetch()}
          disabled={query.isFetching}
        >
          {query.isFetching ? 'Refreshing…' : 'Refresh'}
        </button>
        {query.dataUpdatedAt > 0 && (
          <span className="muted">
            Fetched {formatTime(new Date(query.dataUpdatedAt).toISOString())}
          </span>
        )}
      </div>
      {query.isPending && query.isFetching && <LoadingState label={`Loading ${what}…`} />}
      {query.isError && (
        <>
          <ErrorState title={errorTitle} error={query.error} onRetry={() => void query.refetch()} />
          {errorNote && <p className="muted">{errorNote}</p>}
        </>
      )}
      {query.data !== undefined && children(query.data)}
    </div>
  );
}

const OFFLINE_NOTE =
  'The control plane passes Envoy admin calls to the proxy; an offline proxy cannot answer them.';

function envoyErrorTitle(what: string, online: boolean): string {
  return online ? `Cannot read ${what}` : `Cannot read ${what}: the proxy is offline`;
}

function asText(data: unknown): string {
  return typeof data === 'string' ? data : JSON.stringify(data, null, 2);
}

function YamlView({ data, label }: { data: unknown; label: string }) {
  const yaml = useYamlText(data);
  if (yaml.error) return <ErrorState title="Cannot render YAML" error={yaml.error} />;
  if (yaml.text === undefined) return <LoadingState label="Rendering YAML…" />;
  return <CodeBlock text={yaml.text} label={label} />;
}

function YamlFormat({ mesh, name, kind }: PanelProps & { kind: 'universal' | 'kubernetes' }) {
  const query = useInspect({ mesh, name }, kind);
  const label = kind === 'universal' ? 'Universal YAML' : 'Kubernetes YAML';
  return (
    <InspectFrame query={query} what={label} errorTitle={`Cannot read the ${label}`}>
      {(data) => <YamlView data={data} label={label} />}
    </InspectFrame>
  );
}

export function YamlPanel({ mesh, name }: PanelProps) {
  const { caps } = useKumaApi();
  const formats = [
    {
      id: 'universal',
      label: 'Universal',
      render: () => <YamlFormat mesh={mesh} name={name} kind="universal" />,
    },
    {
      id: 'kubernetes',
      label: 'Kubernetes',
      render: () => <YamlFormat mesh={mesh} name={name} kind="kubernetes" />,
    },
  ];
  return (
    <Tabs
      label="YAML format"
      param="format"
      tabs={caps.environment === 'kubernetes' ? [formats[1]!, formats[0]!] : formats}
    />
  );
}

function TrafficTable({ text }: { text: string }) {
  const clusters = useMemo(() => clusterTraffic(parseEnvoyStatsText(text)), [text]);
  if (clusters.length === 0) {
    return <p className="muted">No cluster traffic in these stats.</p>;
  }
  return (
    <div className="table-wrap">
      <table className="table dp-section-table" data-testid="cluster-traffic">
        <caption className="visually-hidden">Traffic per cluster since the proxy started</caption>
        <thead>
          <tr>
            <th scope="col">Cluster</th>
            <th scope="col">Direction</th>
            <th scope="col" className="dp-num">
              Requests
            </th>
            <th scope="col" className="dp-num">
              2xx
            </th>
            <th scope="col" className="dp-num">
              4xx
            </th>
            <th scope="col" className="dp-num">
              5xx
            </th>
            <th scope="col" className="dp-num">
              Healthy / total members
            </th>
          </tr>
        </thead>
        <tbody>
          {clusters.map((cluster) => (
            <tr key={cluster.cluster}>
              <td>{cluster.cluster}</td>
              <td>{cluster.direction}</td>
              <td className="dp-num">{cluster.requests}</td>
              <td className="dp-num">{cluster.responses2xx}</td>
              <td className="dp-num">{cluster.responses4xx}</td>
              <td className="dp-num">{cluster.responses5xx}</td>
              <td className="dp-num">
                {cluster.healthyMembers} / {cluster.totalMembers}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StatsPanel({ online, ...props }: EnvoyPanelProps) {
  const query = useInspect(props, 'stats');
  return (
    <InspectFrame
      query={query}
      what="Envoy stats"
      errorTitle={envoyErrorTitle('Envoy stats', online)}
      errorNote={online ? undefined : OFFLINE_NOTE}
    >
      {(data) => (
        <>
          <h2 className="visually-hidden">Traffic per cluster</h2>
          <TrafficTable text={asText(data)} />
          <p className="muted">Counters are cumulative since the proxy started.</p>
          <CodeBlock text={asText(data)} label="Envoy stats" />
        </>
      )}
    </InspectFrame>
  );
}

export function ClustersPanel({ online, ...props }: EnvoyPanelProps) {
  const query = useInspect(props, 'clusters');
  return (
    <InspectFrame
      query={query}
      what="Envoy clusters"
      errorTitle={envoyErrorTitle('Envoy clusters', online)}
      errorNote={online ? undefined : OFFLINE_NOTE}
    >
      {(data) => <CodeBlock text={asText(data)} label="Envoy clusters" />}
    </InspectFrame>
  );
}

function JsonView({ data, label }: { data: unknown; label: string }) {
  const text = useMemo(() => asText(data), [data]);
  return <CodeBlock text={text} label={label} />;
}

export function XdsPanel({ online, ...props }: EnvoyPanelProps) {
  const query = useInspect(props, 'xds');
  return (
    <InspectFrame
      query={query}
      what="the xDS configuration"
      errorTitle={envoyErrorTitle('the xDS configuration', online)}
      errorNote={online ? undefined : OFFLINE_NOTE}
    >
      {(data) => <JsonView data={data} label="Envoy config dump (xDS)" />}
    </InspectFrame>
  );
}
