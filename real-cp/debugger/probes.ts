/**
 * Requests worth sending to a gateway: every port, every hostname its listeners and routes
 * name (wildcards made concrete) plus one nobody names, and every path its routes match plus
 * one nobody matches. Enumerated from the resources only, so no routing logic leaks in.
 */
import type { MeshSnapshot } from '../../src/kuma/snapshot';
import type { MeshGateway } from '../../src/kuma/types';
import type { Probe } from './envoy-routing';

function concreteHost(hostname: string | undefined): string {
  if (!hostname || hostname === '*') return 'any.probe.test';
  return hostname.startsWith('*.') ? `wild${hostname.slice(1)}` : hostname;
}

function targetsGateway(
  route: { mesh?: string; spec?: { targetRef?: { kind?: string; name?: string } } },
  gateway: MeshGateway,
): boolean {
  const ref = route.spec?.targetRef;
  return ref?.kind === 'MeshGateway' && ref.name === gateway.name && route.mesh === gateway.mesh;
}

interface PathProbe {
  path: string;
  method: string;
  headers: Record<string, string>;
}

function pathProbes(mesh: MeshSnapshot, gateway: MeshGateway): PathProbe[] {
  const probes: PathProbe[] = [
    { path: '/', method: 'GET', headers: {} },
    { path: '/probe-matches-nothing', method: 'GET', headers: {} },
  ];
  for (const route of mesh.httpRoutes.filter((candidate) => targetsGateway(candidate, gateway))) {
    for (const to of route.spec?.to ?? []) {
      for (const rule of to.rules ?? []) {
        for (const match of rule.matches ?? []) {
          const value = match.path?.value;
          const paths =
            match.path?.type === 'PathPrefix' && value
              ? [value, `${value.replace(/\/$/, '')}/deeper`]
              : match.path?.type === 'Exact' && value
                ? [value]
                : ['/'];
          const headers: Record<string, string> = {};
          for (const header of match.headers ?? []) {
            if ((header.type ?? 'Exact') === 'Exact' && header.value)
              headers[header.name] = header.value;
          }
          for (const path of paths) {
            probes.push({ path, method: match.method ?? 'GET', headers });
            if (Object.keys(headers).length > 0) probes.push({ path, method: 'GET', headers: {} });
          }
        }
      }
    }
  }
  const seen = new Set<string>();
  return probes.filter((probe) => {
    const key = JSON.stringify(probe);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * `meshClient`: whether a mesh proxy can call this gateway's cross-mesh listeners (some mesh
 * has mTLS); they then get probed as such a proxy, others as a plain client.
 */
export function gatewayProbes(
  mesh: MeshSnapshot,
  gateway: MeshGateway,
  meshClient: boolean,
): Probe[] {
  const listeners = gateway.conf?.listeners ?? [];
  const routeHosts = mesh.httpRoutes
    .filter((route) => targetsGateway(route, gateway))
    .flatMap((route) => (route.spec?.to ?? []).flatMap((to) => to.hostnames ?? []));
  const paths = pathProbes(mesh, gateway);
  const probes: Probe[] = [];
  const ports = listeners.flatMap((listener) =>
    listener.port === undefined ? [] : [listener.port],
  );
  for (const port of [...new Set(ports)].sort((a, b) => a - b)) {
    const onPort = listeners.filter((listener) => listener.port === port);
    const protocol = onPort[0]?.protocol;
    const hosts = [
      ...new Set([
        ...onPort.map((listener) => concreteHost(listener.hostname)),
        ...routeHosts.map(concreteHost),
        'unnamed.probe.test',
      ]),
    ];
    if (protocol === 'TCP') {
      probes.push({ scheme: 'tcp', host: '', port, path: '', method: '', headers: {} });
      continue;
    }
    const crossMesh = onPort.some((listener) => listener.crossMesh);
    const schemes: Probe['scheme'][] =
      protocol === 'HTTPS' || protocol === 'TLS'
        ? ['https']
        : crossMesh && meshClient
          ? ['mesh', 'http']
          : ['http'];
    for (const scheme of schemes) {
      for (const host of hosts) {
        // One plain request shows a cross-mesh listener refusing plain clients.
        const tried = scheme === 'http' && crossMesh ? paths.slice(0, 1) : paths;
        for (const path of protocol === 'TLS' ? paths.slice(0, 1) : tried) {
          probes.push({ scheme, host, port, ...path });
        }
      }
    }
  }
  return probes;
}
