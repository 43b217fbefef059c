/**
 * The permission evaluator (`src/traffic/permissions.ts`, with `rules[]` from 2.12) against the
 * RBAC a real kuma-cp generates. Each MeshTrafficPermission set of permission-rbac-cases.ts is
 * written to a mesh of its own with mTLS on and one destination Dataplane; real-cp/go/xds-client
 * connects that Dataplane as its Envoy would, and the RBAC kuma-cp puts on each inbound listener
 * is judged for each caller (envoy-rbac.ts) and compared with the evaluator's verdict on the
 * policies read back from the API.
 *
 * Both sides take the same caller: the URI SANs of the mesh-mTLS certificate kuma-cp would issue
 * it (`meshCertificateUris`, from issuer.go) and the SNI a mesh proxy sends a `kuma.io/service`
 * (`<service>{mesh=<mesh>}`); what is compared is how policies become an allow or a deny.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeshSnapshot } from '../../src/kuma/snapshot';
import type { Mesh, MeshTrafficPermission } from '../../src/kuma/types';
import { evaluatePermission, sourceIdentityFromTags } from '../../src/traffic/permissions';
import { legacyServiceSni, meshCertificateUris } from '../../src/traffic/permissions-rules';
import { type RunningKumaCp, startKumaCp } from '../control-plane';
import { realVersions } from '../real-versions';
import { type RunningXdsClient, startXdsClient } from '../xds-client';
import { inboundListener, listenerVerdict } from './envoy-rbac';
import {
  CALLERS,
  DESTINATION,
  type PermissionSet,
  permissionSets,
  policiesIn,
} from './permission-rbac-cases';

/** `rules[]` exist from 2.12 (MeshTrafficPermission API, validator.go). */
function hasRulesField(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 12);
}

interface Row {
  set: string;
  inbound: number;
  caller: string;
  dashboard: string;
  kumaCp: string;
}

describe.each(realVersions())('kuma-cp %s: MeshTrafficPermission → Envoy RBAC', (version) => {
  let cp: RunningKumaCp;
  let xds: RunningXdsClient | undefined;
  let requests = 0;
  const sets = permissionSets()
    .filter((set) => !set.rules || hasRulesField(version))
    .map((set, index) => ({ set, mesh: `rbac-${index}` }));

  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    requests++;
    const reply = await fetch(`${cp.url}${path}`, {
      method,
      ...(body
        ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
        : {}),
    });
    const text = await reply.text();
    if (!reply.ok) throw new Error(`${method} ${path}: ${reply.status} ${text.slice(0, 400)}`);
    return text ? JSON.parse(text) : undefined;
  }

  async function write(set: PermissionSet, mesh: string): Promise<void> {
    await call('PUT', `/meshes/${mesh}`, {
      type: 'Mesh',
      name: mesh,
      mtls: { enabledBackend: 'ca-1', backends: [{ name: 'ca-1', type: 'builtin' }] },
      // Only the set's policies: no default MeshTrafficPermission or others.
      skipCreatingInitialPolicies: ['*'],
    });
    await call('PUT', `/meshes/${mesh}/dataplanes/${DESTINATION.name}`, {
      type: 'Dataplane',
      mesh,
      name: DESTINATION.name,
      labels: DESTINATION.labels,
      networking: { address: DESTINATION.address, inbound: DESTINATION.inbounds },
    });
    for (const [name, spec] of Object.entries(policiesIn(set, mesh))) {
      await call('PUT', `/meshes/${mesh}/meshtrafficpermissions/${name}`, {
        type: 'MeshTrafficPermission',
        mesh,
        name,
        spec,
      });
    }
  }

  beforeAll(async () => {
    cp = await startKumaCp({ version, log: (line) => console.log(line) });
    for (const { set, mesh } of sets) await write(set, mesh);
    xds = await startXdsClient({
      xdsAddress: cp.xdsAddress,
      kumaVersion: version,
      dataplanes: sets.map(({ mesh }) => `${mesh}/${DESTINATION.name}`),
    });
    await xds.settled(8000, 180_000);
  }, 20 * 60_000);

  afterAll(async () => {
    await xds?.stop();
    await cp?.stop();
  });

  it('decides every caller on every inbound as the RBAC kuma-cp generated', async () => {
    const rows: Row[] = [];
    let verdicts = 0;
    /** How kuma-cp's RBAC decided, tallied: proof that the RBAC was read, not skipped. */
    const forms = new Map<string, number>();
    for (const { set, mesh } of sets) {
      const meshResource = (await call('GET', `/meshes/${mesh}`)) as Mesh;
      const listed = (await call('GET', `/meshes/${mesh}/meshtrafficpermissions`)) as {
        items: MeshTrafficPermission[];
      };
      const snapshot: MeshSnapshot = {
        mesh: meshResource,
        gateways: [],
        dataplanes: [],
        httpRoutes: [],
        tcpRoutes: [],
        trafficPermissions: listed.items,
        meshServices: [],
        serviceInsights: [],
      };
      const config = xds?.config(`${mesh}/${DESTINATION.name}`);
      for (const inbound of DESTINATION.inbounds) {
        const listener = config
          ? inboundListener(config.listeners, DESTINATION.address, inbound.port)
          : undefined;
        for (const [caller, tags] of Object.entries(CALLERS)) {
          verdicts++;
          const source = sourceIdentityFromTags(mesh, [tags], `caller ${caller}`);
          const decision = evaluatePermission(snapshot, source, {
            mesh,
            tags: inbound.tags,
            dataplane: { name: DESTINATION.name, labels: DESTINATION.labels },
          });
          const real = listener
            ? (listenerVerdict(listener, {
                uriSans: meshCertificateUris(mesh, source.tags),
                sni: legacyServiceSni(mesh, inbound.tags['kuma.io/service'] ?? ''),
              }) ?? { allowed: true, how: 'no RBAC filter' })
            : undefined;
          const dashboard = `${decision.allowed ? 'allow' : 'deny'} (${decision.via ?? 'no mTLS'}: ${decision.decidedBy?.description ?? 'default'})`;
          const kumaCp = real
            ? `${real.allowed ? 'allow' : 'deny'} (${real.how})`
            : 'no inbound listener in the configuration kuma-cp sent';
          const form = real
            ? `${real.how.split(/[ [:]/)[0]} ${real.allowed ? 'allow' : 'deny'}`
            : 'none';
          forms.set(form, (forms.get(form) ?? 0) + 1);
          if (process.env.RBAC_LOG)
            console.log(`${set.name} | :${inbound.port} ← ${caller} | ${dashboard} | ${kumaCp}`);
          if (!real || real.allowed !== decision.allowed) {
            rows.push({ set: set.name, inbound: inbound.port, caller, dashboard, kumaCp });
          }
        }
      }
    }
    console.log(
      `kuma-cp ${version}: ${sets.length} MeshTrafficPermission sets, ${verdicts} verdicts compared, ${requests} API requests, ${rows.length} differences; kuma-cp's RBAC: ${[...forms].map(([form, n]) => `${form} ${n}`).join(', ')}`,
    );
    if (rows.length > 0) {
      console.log(
        rows
          .map(
            (row) =>
              `  ${row.set} | :${row.inbound} ← ${row.caller}\n    dashboard: ${row.dashboard}\n    kuma-cp:   ${row.kumaCp}`,
          )
          .join('\n'),
      );
    }
    expect(rows.length, `${rows.length} differences, listed above`).toBe(0);
  });
});
