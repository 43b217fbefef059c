/**
 * What the control plane reports about the service (its ServiceInsight, its MeshService) and
 * what its gateways send it, measured from their proxies' Envoy counters.
 */
import { type UseQueryResult, useQueries } from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import { proxyStatsQuery } from '../../kuma/queries/topology';
import { useKumaApi } from '../../ui/api-context';
import { useSettings } from '../../ui/settings';
import { gatewayRates, type StatsSample, sampleOf } from '../topology';
import type { ServiceModel } from './service-model';
import {
  type GatewayTraffic,
  gatewayRateKey,
  MAX_SAMPLED_PROXIES,
  serviceTraffic,
} from './service-traffic';

/** One proxy's stats as fetched: the text and when it arrived (0 before it has). */
interface StatsReading {
  data: string | undefined;
  at: number;
}

/**
 * `useQueries`' `combine`, at module level: react-query reruns it only when a result changes
 * and keeps the same (structurally shared) array otherwise, so the rates below are memoised on
 * it directly.
 */
function readings(results: UseQueryResult<string>[]): StatsReading[] {
  return results.map((result) => ({ data: result.data, at: result.dataUpdatedAt }));
}

/**
 * What each gateway in front of the service sends it, from two samples of its connected proxies'
 * Envoy counters (as the topology measures its gateway links), read on the refresh interval.
 */
function useServiceTraffic(mesh: string, model: ServiceModel): GatewayTraffic[] {
  const api = useKumaApi();
  const { refreshMs, paused } = useSettings();
  const targets = useMemo(
    () =>
      model.gateways
        .flatMap((gateway) => gateway.connected.map((name) => ({ gateway, name })))
        .slice(0, MAX_SAMPLED_PROXIES),
    [model],
  );
  const stats = useQueries({
    queries: targets.map((target) => ({
      ...proxyStatsQuery(api, mesh, target.name),
      refetchInterval: paused ? (false as const) : refreshMs,
      refetchIntervalInBackground: false,
    })),
    combine: readings,
  });
  // The previous and the current sample per proxy: a rate needs two.
  const samples = useRef(new Map<string, { previous?: StatsSample; current?: StatsSample }>());
  return useMemo(() => {
    const inputs = targets.map((target, index) => {
      const reading = stats[index];
      const entry = samples.current.get(target.name) ?? {};
      if (reading?.data && reading.at && entry.current?.at !== reading.at) {
        entry.previous = entry.current;
        entry.current = sampleOf(reading.data, reading.at);
        samples.current.set(target.name, entry);
      }
      return { gatewayNodeId: gatewayRateKey(target.gateway), ...entry };
    });
    return serviceTraffic(gatewayRates(inputs), model.gateways, model.identity);
  }, [targets, stats, model]);
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

export function Observed({ mesh, model }: { mesh: string; model: ServiceModel }) {
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
              {(insight.status ?? 'unknown').replace('_', ' ')}: {insight.dataplanes?.online ?? 0}{' '}
              online, {insight.dataplanes?.offline ?? 0} offline of {insight.dataplanes?.total ?? 0}
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
