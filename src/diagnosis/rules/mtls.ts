/**
 * §6.2 rule 9: mTLS off where it is required or expected: a cross-mesh listener in a mesh without
 * mTLS (config generation fails), MeshTrafficPermissions that have no effect because mTLS is off
 * (and the 403s enabling it would start), and meshes without mTLS that cannot call the cross-mesh
 * gateways of other meshes.
 */
import type { MeshSnapshot } from '../../kuma/snapshot';
import { plural } from '../../lib/plural';
import { isMtlsEnabled } from '../../mesh-model/identity';
import { gatewayId, meshId } from '../../topology/types';
import { describeListener, indexedListeners } from '../../traffic/listener-selection';
import { count, makeFinding, quoteList } from '../finding';
import type { MeshModel } from '../model';
import { CROSS_MESH_MTLS_MESSAGE, listenerRuntimeWarnings } from '../runtime';
import type { Finding, FixAction, ResourceRef } from '../types';
import { checkPermissions, permissionFixAction } from './backends';

function crossMeshListenerWithoutMtls(model: MeshModel): Finding[] {
  if (model.mtls) return [];
  const findings: Finding[] = [];
  for (const { gateway } of model.builtin) {
    const listeners = indexedListeners(gateway);
    for (const warning of listenerRuntimeWarnings(gateway, model.mesh.mesh)) {
      const entry = listeners[warning.listenerIndex];
      if (warning.message !== CROSS_MESH_MTLS_MESSAGE || !entry) continue;
      findings.push(
        makeFinding({
          rule: 'mtls-off',
          severity: 'error',
          mesh: model.name,
          subject: { type: 'MeshGateway', mesh: model.name, name: gateway.name },
          qualifier: `listener-${entry.index}`,
          related: [{ type: 'Mesh', mesh: model.name, name: model.name }],
          nodeIds: [gatewayId(model.name, 'builtin', gateway.name), meshId(model.name)],
          title: `Cross-mesh listener #${entry.index} of MeshGateway "${gateway.name}" needs mTLS, which is off in mesh "${model.name}"`,
          symptom: `Config generation for the gateway fails with "${CROSS_MESH_MTLS_MESSAGE}": its proxies keep a stale or empty configuration, and no mesh can reach the cross-mesh listener.`,
          evidence: [
            `${describeListener(entry)} has crossMesh: true.`,
            `Mesh "${model.name}" has no mtls.enabledBackend.`,
            'Could not check: MeshIdentity resources (2.12+), which are not in the snapshot.',
          ],
          fix: `Enable mTLS on mesh "${model.name}" (mtls.enabledBackend with a builtin CA backend), after adding MeshTrafficPermissions that allow the existing traffic, or remove crossMesh from the listener.`,
          fixAction: { kind: 'edit-mesh', mesh: model.name },
        }),
      );
    }
  }
  return findings;
}

function permissionsWithoutMtls(model: MeshModel): Finding[] {
  const policies = model.mesh.trafficPermissions ?? [];
  if (model.mtls || policies.length === 0) return [];
  // What the policies would decide once mTLS is on.
  const withMtls: MeshSnapshot = {
    ...model.mesh,
    mesh: {
      ...model.mesh.mesh,
      mtls: { ...(model.mesh.mesh?.mtls ?? {}), enabledBackend: 'ca-1' },
    },
  };
  const wouldDeny = checkPermissions(model, withMtls).filter((check) =>
    check.decisions.some((decision) => !decision.allowed),
  );
  const pairs = new Map<string, string>();
  const fixes = new Map<string, FixAction>();
  for (const check of wouldDeny) {
    const decision = check.decisions.find((d) => !d.allowed);
    const key = `${check.usage.gateway.name}|${check.resolved.service}`;
    if (!pairs.has(key)) {
      fixes.set(
        key,
        permissionFixAction(
          model.name,
          check.resolved.service,
          check.usage.gateway.name,
          check.usage.identity.services[0] ?? check.usage.gateway.name,
          decision,
        ),
      );
      const by = decision?.decidedBy
        ? `denied by MeshTrafficPermission "${decision.decidedBy.policy.name}"`
        : 'no MeshTrafficPermission allows it';
      pairs.set(
        key,
        `${check.usage.gateway.kind === 'builtin' ? 'MeshGateway' : 'delegated gateway'} "${check.usage.gateway.name}" → ${check.resolved.service} (${by})`,
      );
    }
  }
  const related: ResourceRef[] = policies.map((policy) => ({
    type: 'MeshTrafficPermission',
    mesh: policy.mesh ?? model.name,
    name: policy.name,
  }));
  return [
    makeFinding({
      rule: 'mtls-off',
      severity: 'warning',
      mesh: model.name,
      subject: { type: 'Mesh', mesh: model.name, name: model.name },
      qualifier: 'traffic-permissions',
      related,
      nodeIds: [meshId(model.name)],
      title: `${count(policies.length, 'MeshTrafficPermission')} in mesh "${model.name}" ${policies.length === 1 ? 'has' : 'have'} no effect: mTLS is off`,
      symptom:
        'Every caller reaches every service: the MeshTrafficPermissions are not enforced ("Mutual TLS has to be enabled to make MeshTrafficPermission work").',
      evidence: [
        `Mesh "${model.name}" has no mtls.enabledBackend, and defines ${quoteList(policies.map((policy) => policy.name))}.`,
        pairs.size > 0
          ? `Enabling mTLS with these policies would start producing 403 "RBAC: access denied" for: ${[...pairs.values()].join('; ')}.`
          : 'With mTLS on, these policies would still allow every gateway → backend call the gateways make today.',
        'Could not check: MeshIdentity resources (2.12+), which can turn mTLS on without mtls.enabledBackend.',
      ],
      fix:
        pairs.size > 0
          ? `Add MeshTrafficPermissions allowing the gateway identities listed above, then enable mTLS on mesh "${model.name}".`
          : `Enable mTLS on mesh "${model.name}" if the policies are meant to apply, or delete them.`,
      fixAction: permissionsFirst(model.name, [...fixes.values()]),
    }),
  ];
}

/**
 * The fix starts with the permissions (mTLS on first would deny the listed pairs): one pair
 * opens its form pre-filled (or the rules[] policy to edit); several, the mesh's permissions.
 * With nothing to allow, the mesh is what to change (enable mTLS or delete the policies).
 */
function permissionsFirst(mesh: string, fixes: FixAction[]): FixAction {
  const [only] = fixes;
  if (fixes.length === 1 && only) return only;
  const edits = new Set(fixes.map((fix) => (fix.kind === 'edit-permission' ? fix.name : '')));
  if (fixes.length > 1 && edits.size === 1 && !edits.has('') && fixes[0]) return fixes[0];
  return fixes.length > 0 ? { kind: 'new-permission', mesh } : { kind: 'edit-mesh', mesh };
}

function callerMeshWithoutMtls(model: MeshModel): Finding[] {
  if (model.mtls) return [];
  const targets: { mesh: string; gateway: string; address: string }[] = [];
  for (const other of model.snapshot.meshes ?? []) {
    const otherName = other.mesh?.name ?? '';
    if (otherName === model.name) continue;
    for (const gateway of other.gateways ?? []) {
      for (const entry of indexedListeners(gateway)) {
        if (!entry.listener.crossMesh) continue;
        const host =
          entry.hostname === '*' || entry.hostname.startsWith('*')
            ? `internal.${gateway.name}.${otherName}.mesh`
            : entry.hostname;
        targets.push({ mesh: otherName, gateway: gateway.name, address: `${host}:${entry.port}` });
      }
    }
  }
  if (targets.length === 0) return [];
  const targetMeshes = new Set(targets.map((target) => target.mesh));
  const callers = (model.mesh.dataplanes ?? []).filter((dataplane) =>
    (dataplane.dataplane?.networking?.outbound ?? []).some((outbound) =>
      targetMeshes.has(outbound?.tags?.['kuma.io/mesh'] ?? ''),
    ),
  );
  const offMeshes = targets.filter((target) => {
    const mesh = (model.snapshot.meshes ?? []).find((m) => m.mesh?.name === target.mesh);
    return !isMtlsEnabled(mesh?.mesh);
  });
  return [
    makeFinding({
      rule: 'mtls-off',
      severity: callers.length > 0 ? 'error' : 'info',
      mesh: model.name,
      subject: { type: 'Mesh', mesh: model.name, name: model.name },
      qualifier: 'cross-mesh-callers',
      related: [
        ...targets.map((target) => ({
          type: 'MeshGateway',
          mesh: target.mesh,
          name: target.gateway,
        })),
        ...callers.map((dataplane) => ({
          type: 'Dataplane',
          mesh: dataplane.mesh ?? model.name,
          name: dataplane.name,
        })),
      ],
      nodeIds: [
        meshId(model.name),
        ...targets.map((target) => gatewayId(target.mesh, 'builtin', target.gateway)),
      ],
      title: `Mesh "${model.name}" cannot call cross-mesh gateways: mTLS is off`,
      symptom: `Clients in mesh "${model.name}" calling ${targets.map((target) => target.address).join(', ')} fail the handshake: a cross-mesh listener accepts only mesh proxies with an mTLS certificate.`,
      evidence: [
        `Mesh "${model.name}" has no mtls.enabledBackend; every mesh involved in cross-mesh traffic needs mTLS, callers included.`,
        `Cross-mesh listeners in other meshes: ${targets
          .map(
            (target) =>
              `MeshGateway "${target.gateway}" in mesh "${target.mesh}" (${target.address})`,
          )
          .join(', ')}.`,
        callers.length > 0
          ? `Dataplanes with an explicit outbound to another mesh (kuma.io/mesh tag): ${callers.map((dataplane) => dataplane.name).join(', ')}.`
          : `No Dataplane of mesh "${model.name}" declares an outbound to those meshes; callers using transparent proxy and Kuma DNS cannot be seen in the snapshot.`,
        offMeshes.length > 0
          ? offMeshSentence([...new Set(offMeshes.map((target) => `"${target.mesh}"`))])
          : '',
      ],
      fix: `Enable mTLS on mesh "${model.name}" if its services should call the cross-mesh gateways.`,
      fixAction: { kind: 'edit-mesh', mesh: model.name },
    }),
  ];
}

export function mtlsOff(model: MeshModel): Finding[] {
  return [
    ...crossMeshListenerWithoutMtls(model),
    ...permissionsWithoutMtls(model),
    ...callerMeshWithoutMtls(model),
  ];
}

/** 'The gateway mesh "a" has mTLS off too.' / 'The gateway meshes "a", "b" have …' */
function offMeshSentence(meshes: string[]): string {
  return `The gateway ${plural(meshes.length, 'mesh', 'meshes')} ${meshes.join(', ')} ${plural(meshes.length, 'has', 'have')} mTLS off too.`;
}
