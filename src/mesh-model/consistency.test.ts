/**
 * Every screen that says which routes attach to a listener reads the mesh model, so on every
 * demo scenario they must agree: the topology (listener route counts, gateway → service links),
 * the diagnosis model, the gateway page's listener views, the service page's ways in, and the
 * trace of requests sent through each listener. A consumer that assembles its own attachment again fails here.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, SCENARIOS, type ScenarioName } from '../../demo-cp/src/options';
import { loadScenario } from '../../demo-cp/src/scenarios';
import { controlPlaneSnapshot } from '../../demo-cp/src/snapshot';
import { gatewaySamples } from '../../demo-cp/src/traffic';
import { World } from '../../demo-cp/src/world';
import { buildMeshModel } from '../diagnosis/model';
import { builtinGatewayModel } from '../features/gateways/listener-routes';
import { serviceModel } from '../features/services/service-model';
import { isConnected } from '../kuma/dataplane-status';
import type { ControlPlaneSnapshot, MeshSnapshot } from '../kuma/snapshot';
import type { BackendRef, CpMode } from '../kuma/types';
import { buildTopology } from '../topology/build-topology';
import { gatewayId } from '../topology/types';
import { resolveBackendRef } from '../traffic/backends';
import { evaluateGatewayRequest } from '../traffic/evaluate-request';
import { isBuiltinGatewayDataplane } from '../traffic/gateway-binding';
import { type BuiltinGatewayModel, buildGatewayModel, type ListenerModel } from './mesh-model';

function scenarioSnapshot(
  scenario: ScenarioName,
  mode: CpMode = 'standalone',
): ControlPlaneSnapshot {
  // `large` at a size a unit test can afford; its shapes are the same at any size.
  const world = new World({
    ...DEFAULT_OPTIONS,
    scenario,
    mode,
    startTime: 0,
    large: { meshes: 3, services: 40, dataplanes: 300 },
  });
  loadScenario(world, scenario);
  world.tick();
  const snapshot = controlPlaneSnapshot(world);
  if (mode === 'global') for (const mesh of snapshot.meshes) pinRoutesToOneZone(mesh);
  return snapshot;
}

/**
 * Adds, per built-in gateway, a MeshHTTPRoute that selects its listeners by the first
 * instance's zone: with instances in two zones it attaches on some of them only, which is where
 * "the first instance's tags" and "the tags all instances share" gave different answers.
 */
function pinRoutesToOneZone(mesh: MeshSnapshot): void {
  for (const gateway of mesh.gateways) {
    const zone = buildGatewayModel(mesh).builtinGateway(gateway.name)?.instances[0]?.tags[
      'kuma.io/zone'
    ];
    // A service the mesh has, so the topology draws the link the route makes.
    const service = mesh.dataplanes
      .flatMap((dp) => dp.dataplane.networking.inbound ?? [])
      .map((inbound) => inbound.tags?.['kuma.io/service'])
      .find(Boolean);
    if (!zone || !service) continue;
    mesh.httpRoutes.push({
      type: 'MeshHTTPRoute',
      mesh: mesh.mesh.name,
      name: `zz-pinned-${gateway.name}`,
      spec: {
        targetRef: { kind: 'MeshGateway', name: gateway.name, tags: { 'kuma.io/zone': zone } },
        to: [
          {
            targetRef: { kind: 'Mesh' },
            rules: [
              {
                matches: [{ path: { type: 'PathPrefix', value: '/pinned' } }],
                default: { backendRefs: [{ kind: 'MeshService', name: service, weight: 1 }] },
              },
            ],
          },
        ],
      },
    });
  }
}

function attachedNames(listener: Pick<ListenerModel, 'routes'>): string[] {
  return [...listener.routes.attachedHttp, ...listener.routes.attachedTcp].map((r) => r.name);
}

/** Services the mesh model's rules send traffic to (what a gateway → service link means). */
function routedServices(mesh: MeshSnapshot, listeners: readonly ListenerModel[]): string[] {
  const services = new Set<string>();
  for (const listener of listeners) {
    for (const host of listener.virtualHosts) {
      for (const entry of host.entries) {
        for (const ref of entry.rule.default.backendRefs ?? [])
          services.add(resolveBackendRef(mesh, ref).service);
      }
    }
    for (const to of listener.effectiveTcp?.spec?.to ?? []) {
      for (const rule of to?.rules ?? []) {
        for (const ref of rule?.default?.backendRefs ?? [])
          services.add(resolveBackendRef(mesh, ref).service);
      }
    }
  }
  return [...services].sort();
}

/** The gateway detail page's model, as it loads: candidates and siblings from the mesh's proxies. */
function gatewayPage(mesh: MeshSnapshot, gateway: MeshSnapshot['gateways'][number]) {
  const builtinProxies = mesh.dataplanes.filter(isBuiltinGatewayDataplane);
  return builtinGatewayModel({
    mesh: mesh.mesh,
    gateway,
    candidates: builtinProxies,
    siblings: mesh.gateways.map((other) => ({ gateway: other, instances: builtinProxies })),
    httpRoutes: mesh.httpRoutes,
    tcpRoutes: mesh.tcpRoutes,
  });
}

/** The name a service page is opened under for a backend ref: its MeshService, or its tag. */
function servicePageName(mesh: MeshSnapshot, ref: BackendRef): string {
  const resolved = resolveBackendRef(mesh, ref);
  return resolved.resource?.type === 'MeshService' ? resolved.resource.name : resolved.service;
}

/**
 * Every rule in effect on every listener, as `gateway #listener route → service page name`:
 * what the gateway page's attachments imply each service page must list.
 */
function routedRules(mesh: MeshSnapshot, gateway: BuiltinGatewayModel): Map<string, Set<string>> {
  const byService = new Map<string, Set<string>>();
  const add = (listener: number, route: string, ref: BackendRef) => {
    const service = servicePageName(mesh, ref);
    const rules = byService.get(service) ?? new Set<string>();
    rules.add(`${gateway.gateway.name} #${listener} ${route}`);
    byService.set(service, rules);
  };
  for (const listener of gateway.routing.listeners) {
    for (const host of listener.virtualHosts) {
      for (const entry of host.entries) {
        for (const ref of entry.rule.default.backendRefs ?? [])
          add(listener.entry.index, entry.rule.origin.route.name, ref);
      }
    }
    const tcp = listener.effectiveTcp;
    for (const to of tcp?.spec?.to ?? []) {
      for (const rule of to?.rules ?? []) {
        for (const ref of rule?.default?.backendRefs ?? [])
          add(listener.entry.index, tcp?.name ?? '', ref);
      }
    }
  }
  return byService;
}

function crossMeshCaller(snapshot: ControlPlaneSnapshot, gatewayMesh: string) {
  for (const mesh of snapshot.meshes) {
    if (mesh.mesh.name === gatewayMesh || !mesh.mesh.mtls?.enabledBackend) continue;
    const caller = mesh.dataplanes.find(
      (dp) => !dp.dataplane.networking.gateway && isConnected(dp.dataplaneInsight),
    );
    if (caller) return { mesh: mesh.mesh.name, dataplane: caller.name };
  }
  return undefined;
}

// Global mode spreads a scenario's proxies over two zones: instances of one gateway then carry
// different `kuma.io/zone` tags, the case where the screens used to disagree.
const CASES = SCENARIOS.flatMap((scenario) =>
  (['standalone', 'global'] as const).map((mode) => [scenario, mode] as const),
);

describe.each(CASES)(
  'scenario %s (%s): every consumer sees the same attachments',
  (scenario, mode) => {
    const snapshot = scenarioSnapshot(scenario, mode);

    it('loads', () => {
      expect(snapshot.meshes.length).toBeGreaterThanOrEqual(scenario === 'empty' ? 0 : 1);
    });
    const topology = buildTopology(snapshot);
    const nodes = new Map(topology.nodes.map((node) => [node.id, node]));
    const serviceOfNode = new Map(
      topology.nodes.flatMap((node) =>
        'service' in node ? [[node.id, node.service] as const] : [],
      ),
    );

    for (const mesh of snapshot.meshes) {
      const model = buildGatewayModel(mesh);
      const diagnosis = buildMeshModel(snapshot, mesh);

      it(`mesh ${mesh.mesh.name}: delegated gateways by the same service everywhere`, () => {
        const services = model.delegated.map((entry) => entry.service);
        expect(diagnosis.delegated.map((entry) => entry.service)).toEqual(services);
        for (const service of services) {
          const node = nodes.get(gatewayId(mesh.mesh.name, 'delegated', service));
          expect(node, `topology node for delegated ${service}`).toBeDefined();
          const trace = evaluateGatewayRequest(snapshot, {
            gateway: { mesh: mesh.mesh.name, delegatedService: service },
            scheme: 'http',
            host: service,
            port: 80,
            path: '/',
            method: 'GET',
            headers: {},
          });
          expect(trace.steps[0]?.outcome, `trace finds delegated ${service}`).toBe('pass');
        }
      });

      it(`mesh ${mesh.mesh.name}: each service page's ways in are the gateway pages' attachments`, () => {
        const pages = new Map(
          model.builtin.map((gateway) => [
            gateway.gateway.name,
            gatewayPage(mesh, gateway.gateway),
          ]),
        );
        // What the gateway pages imply, per service page.
        const expected = new Map<string, Set<string>>();
        for (const gateway of model.builtin) {
          for (const [service, rules] of routedRules(mesh, gateway)) {
            expected.set(service, new Set([...(expected.get(service) ?? []), ...rules]));
          }
        }
        const services = new Set([
          ...expected.keys(),
          ...mesh.dataplanes.flatMap((dp) =>
            (dp.dataplane.networking.inbound ?? []).map(
              (inbound) => inbound.tags?.['kuma.io/service'] ?? '',
            ),
          ),
          ...mesh.meshServices.map((service) => service.name),
        ]);
        services.delete('');
        let checked = 0;
        for (const service of services) {
          const view = serviceModel(mesh, service, model);
          for (const entry of view.builtin) {
            // Every way in is a route the gateway page shows attached on that listener …
            const page = pages.get(entry.gateway);
            const listener = page?.listeners[entry.listener.index];
            expect(
              listener?.attached.map((route) => `${route.kind} ${route.name}`),
              `${service}: ${entry.gateway} #${entry.listener.index}`,
            ).toContain(`${entry.route.type} ${entry.route.name}`);
            // … and a gateway the page says kuma-cp cannot build is marked broken.
            expect(Boolean(entry.gatewayBroken), `${service}: ${entry.gateway} broken`).toBe(
              Boolean(page?.failure),
            );
            checked++;
          }
          // … and every rule the gateway pages route to the service is one of its ways in.
          const ways = new Set(
            view.builtin.map(
              (entry) => `${entry.gateway} #${entry.listener.index} ${entry.route.name}`,
            ),
          );
          expect([...ways].sort(), service).toEqual([...(expected.get(service) ?? [])].sort());
          // A route the service page says sends it nothing has no rule to it in effect on any
          // listener of the gateway page.
          const routed = [...(expected.get(service) ?? [])];
          for (const route of view.inactive) {
            expect(
              routed.filter(
                (rule) => rule.startsWith(`${route.gateway} #`) && rule.endsWith(` ${route.name}`),
              ),
              `${service}: inactive ${route.name}`,
            ).toEqual([]);
          }
          // Delegated gateways: the model's, with its proxy counts.
          for (const summary of view.gateways.filter((entry) => entry.kind === 'delegated')) {
            const delegated = model.delegatedGateway(summary.name);
            expect(delegated, `${service}: delegated ${summary.name}`).toBeDefined();
            expect(summary.total).toBe(delegated?.dataplanes.length);
          }
        }
        if (expected.size > 0) expect(checked).toBeGreaterThan(0);
      });

      for (const gateway of model.builtin) {
        const name = `${mesh.mesh.name}/${gateway.gateway.name}`;
        it(`${name}: topology, diagnosis, gateway page and trace agree per listener`, () => {
          const expected = gateway.listeners.map(attachedNames);

          // Diagnosis.
          const diagnosed = diagnosis.builtin.find((entry) => entry.gateway === gateway.gateway);
          expect(diagnosed?.listeners.map(attachedNames)).toEqual(expected);
          expect(diagnosed?.instances.map((i) => i.name)).toEqual(
            gateway.instances.map((i) => i.name),
          );

          // Topology: listener route counts and the services the gateway links to.
          const node = nodes.get(gatewayId(mesh.mesh.name, 'builtin', gateway.gateway.name));
          expect(node && 'listeners' in node ? node.listeners.map((l) => l.routes) : []).toEqual(
            expected.map((names) => names.length),
          );
          const linked = [
            ...new Set(
              topology.edges
                .filter((edge) => edge.source === node?.id && edge.relation === 'gateway-service')
                .map((edge) => serviceOfNode.get(edge.target) ?? edge.target),
            ),
          ].sort();
          expect(linked).toEqual(
            gateway.routing.failure ? [] : routedServices(mesh, gateway.listeners),
          );

          // Gateway detail page.
          const page = gatewayPage(mesh, gateway.gateway);
          expect(page.listeners.map((view) => view.attached.map((route) => route.name))).toEqual(
            expected,
          );
          expect(page.instanceTags).toEqual(gateway.instanceTags);

          // Trace: requests the demo sends through each listener take only routes the model
          // attaches there for the instance that serves them.
          const instance = gateway.instances.find((candidate) => candidate.online);
          if (!instance) return;
          const own = gateway.routingFor(instance);
          const samples = gatewaySamples(
            mesh,
            gateway.gateway,
            instance.tags,
            crossMeshCaller(snapshot, mesh.mesh.name),
          );
          for (const { request, listenerIndex } of samples) {
            const result = evaluateGatewayRequest(snapshot, request);
            const listener = own.listeners.find((entry) => entry.entry.index === listenerIndex);
            const names = listener ? attachedNames(listener) : [];
            if (result.rule) expect(names).toContain(result.rule.route.name);
            if (result.tcpRoute) expect(result.tcpRoute.name).toBe(listener?.effectiveTcp?.name);
            if (names.length === 0) expect(result.rule ?? result.tcpRoute).toBeUndefined();
          }
          // Where the serving instance carries the effective tags, the trace's view is the page's.
          if (gateway.groups.length === 1) {
            expect(own.listeners.map(attachedNames)).toEqual(
              gateway.routing.listeners.map(attachedNames),
            );
          }
        });
      }
    }
  },
);

describe('the scenarios exercise what the agreement is about', () => {
  it('global mode has gateways whose instances differ, with routes attached on some only', () => {
    const gateways = SCENARIOS.flatMap((scenario) =>
      scenarioSnapshot(scenario, 'global').meshes.flatMap(
        (mesh) => buildGatewayModel(mesh).builtin,
      ),
    );
    const split = gateways.filter((gateway) => gateway.groups.length > 1);
    expect(split.length).toBeGreaterThan(0);
    for (const gateway of split) {
      expect(gateway.listeners.some((listener) => listener.partial.length > 0)).toBe(true);
    }
  });

  it('some scenario has built-in gateways with attached routes and delegated gateways', () => {
    const models = SCENARIOS.flatMap((scenario) =>
      scenarioSnapshot(scenario).meshes.map(buildGatewayModel),
    );
    const attached = models.flatMap((model) =>
      model.builtin.flatMap((gateway) => gateway.listeners.flatMap(attachedNames)),
    );
    expect(attached.length).toBeGreaterThan(10);
    expect(models.some((model) => model.delegated.length > 0)).toBe(true);
  });
});
