import { describe, expect, it } from 'vitest';
import type { ControlPlaneSnapshot } from '../kuma/snapshot';
import { builtinGatewayDp, cpSnapshot, meshGateway, meshSnapshot } from '../traffic/test-fixtures';
import { DIAGNOSIS_RULES, diagnose, diagnoseMesh } from './diagnose';
import { healthyMesh } from './test-fixtures';
import type { DiagnosisRule } from './types';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Two meshes with faults of each severity. */
function faulty(): ControlPlaneSnapshot {
  const zeta = meshSnapshot({
    mesh: { type: 'Mesh', name: 'zeta' },
    gateways: [meshGateway('lonely', [{ port: 80, protocol: 'HTTP' }], { mesh: 'zeta' })],
  });
  const alpha = healthyMesh({ mesh: 'alpha', mtls: false });
  alpha.dataplanes.push(
    builtinGatewayDp('stray-1', { 'kuma.io/service': 'stray' }, { mesh: 'alpha' }),
  );
  return cpSnapshot(zeta, alpha);
}

describe('diagnose', () => {
  it('has one entry per rule id, in §6.2 order', () => {
    const rules: DiagnosisRule[] = DIAGNOSIS_RULES.map((entry) => entry.rule);
    expect(new Set(rules).size).toBe(18);
    const items = DIAGNOSIS_RULES.map((entry) => entry.item);
    expect(items).toEqual([...items].sort((a, b) => a - b));
    expect(new Set(items).size).toBe(14);
  });

  it('finds nothing in a healthy mesh', () => {
    expect(diagnose(cpSnapshot(healthyMesh()))).toEqual([]);
  });

  it('sorts by severity, then mesh, then title', () => {
    const findings = diagnose(faulty());
    // Titles: "Listener #0 …" < "MeshGateway …"; "1 MeshTrafficPermission …" < "BUILTIN …".
    expect(findings.map((finding) => [finding.severity, finding.mesh, finding.rule])).toEqual([
      ['error', 'zeta', 'listener-without-routes'],
      ['error', 'zeta', 'no-capacity'],
      ['warning', 'alpha', 'mtls-off'],
      ['warning', 'alpha', 'unbound-gateway-dataplane'],
    ]);
  });

  it('gives stable ids: the same snapshot, the same findings', () => {
    expect(diagnose(faulty())).toEqual(diagnose(faulty()));
    expect(diagnose(faulty()).map((finding) => finding.id)).toContain(
      'no-capacity:zeta:MeshGateway/lonely',
    );
  });

  it('does not modify the snapshot', () => {
    const snapshot = deepFreeze(faulty());
    expect(() => diagnose(snapshot)).not.toThrow();
    expect(snapshot).toEqual(faulty());
  });

  it('diagnoseMesh returns only that mesh, and nothing for an unknown mesh', () => {
    const snapshot = faulty();
    expect(diagnoseMesh(snapshot, 'alpha').every((finding) => finding.mesh === 'alpha')).toBe(true);
    expect(diagnoseMesh(snapshot, 'nope')).toEqual([]);
    expect(diagnose({ meshes: [] })).toEqual([]);
  });
});
