/** The demo control plane's scenarios, as the dashboard reads them through the API. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../demo-cp/src/options';
import { loadScenario } from '../../demo-cp/src/scenarios';
import { controlPlaneSnapshot } from '../../demo-cp/src/snapshot';
import { World } from '../../demo-cp/src/world';
import { NO_HEALTHY_UPSTREAM_MESSAGE, RBAC_DENIED_MESSAGE } from '../traffic/evaluate-request';
import { diagnose, diagnoseMesh } from './diagnose';
import type { Finding } from './types';

function scenario(name: 'mixed' | 'docs-builtin' | 'docs-delegated', ticks = 1) {
  const world = new World({ ...DEFAULT_OPTIONS, startTime: 0 });
  loadScenario(world, name);
  for (let i = 0; i < ticks; i++) world.tick();
  return controlPlaneSnapshot(world);
}

function only(findings: Finding[], id: string): Finding {
  const matching = findings.filter((finding) => finding.id === id);
  expect(matching, `finding ${id} in ${findings.map((f) => f.id).join(', ')}`).toHaveLength(1);
  return matching[0] as Finding;
}

describe('demo control plane, scenario "mixed"', () => {
  // Proxies churn each tick; the faults below are pinned or static configuration.
  describe.each([1, 5, 20])('after %i tick(s)', (ticks) => {
    const findings = diagnose(scenario('mixed', ticks));

    it('finds legacy-gateway, which kuma-cp cannot build: its reviews listener has no route', () => {
      const finding = only(
        findings,
        'gateway-not-built:legacy:MeshGateway/legacy-gateway:port-8090',
      );
      expect(finding).toMatchObject({
        rule: 'gateway-not-built',
        severity: 'error',
        mesh: 'legacy',
        subject: { type: 'MeshGateway', mesh: 'legacy', name: 'legacy-gateway' },
        related: [{ type: 'MeshHTTPRoute', mesh: 'legacy', name: 'legacy-catalog' }],
        nodeIds: ['gateway:builtin:legacy/legacy-gateway'],
        fixAction: {
          kind: 'new-route',
          mesh: 'legacy',
          name: 'legacy-gateway',
          listenerIndex: 1,
          routeKind: 'http',
        },
      });
      expect(finding.title).toContain('HTTP port 8090');
      expect(finding.evidence.join(' ')).toContain(
        'Listener #1 (HTTP :8090, hostname reviews.example.com) gets no virtual host',
      );
      // The port's own listener is reported once, by this finding.
      expect(findings.filter((f) => f.rule === 'listener-without-routes')).toEqual([]);
    });

    it('finds nothing wrong with the admin listener: its route serves /status only, by design', () => {
      expect(findings.filter((f) => f.subject.name === 'edge-gateway')).toEqual([]);
    });

    it('finds payments without a healthy endpoint (503)', () => {
      const finding = only(findings, 'no-healthy-backend:default:ServiceInsight/payments');
      expect(finding).toMatchObject({
        severity: 'error',
        subject: { type: 'ServiceInsight', mesh: 'default', name: 'payments' },
        fixAction: { kind: 'start-dataplane', mesh: 'default', name: 'payments-1' },
      });
      expect(finding.symptom).toContain(`503 "${NO_HEALTHY_UPSTREAM_MESSAGE}"`);
      expect(finding.symptom).toContain('PathPrefix /pay');
      expect(finding.evidence).toContain('Endpoints: payments-1 (offline).');
      expect(finding.nodeIds).toEqual([
        'gateway:builtin:default/edge-gateway',
        'sidecar:default/payments',
      ]);
    });

    it('finds orders closed to edge-gateway by orders-internal-only (403)', () => {
      const finding = only(
        findings,
        'missing-traffic-permission:default:ServiceInsight/orders:from-builtin-edge-gateway',
      );
      expect(finding.severity).toBe('error');
      expect(finding.symptom).toContain(`403 "${RBAC_DENIED_MESSAGE}"`);
      expect(finding.related).toContainEqual({
        type: 'MeshTrafficPermission',
        mesh: 'default',
        name: 'orders-internal-only',
      });
      expect(finding.evidence.join(' ')).toMatch(
        /Denied by MeshTrafficPermission "orders-internal-only" .*from\[1\] MeshSubset \{kuma.io\/service: edge-gateway\}: Deny/,
      );
    });

    it('finds nothing wrong with the routes, TLS and cross-mesh setup of the default mesh', () => {
      const configRules = new Set([
        'host-shadowed',
        'route-hostnames-never-match',
        'unresolvable-backend',
        'tls-sni',
        'cross-mesh-unreachable',
        'shadowed-gateway',
        'unbound-gateway-dataplane',
      ]);
      expect(findings.filter((finding) => configRules.has(finding.rule))).toEqual([]);
    });
  });

  it('keeps ids unique and sorted by severity, mesh and title', () => {
    const findings = diagnose(scenario('mixed'));
    expect(new Set(findings.map((finding) => finding.id)).size).toBe(findings.length);
    const rank = { error: 0, warning: 1, info: 2 };
    const key = (finding: Finding) =>
      [rank[finding.severity], finding.mesh, finding.title] as const;
    for (let i = 1; i < findings.length; i++) {
      const [severityA, meshA, titleA] = key(findings[i - 1] as Finding);
      const [severityB, meshB, titleB] = key(findings[i] as Finding);
      expect(severityA).toBeLessThanOrEqual(severityB);
      if (severityA === severityB) {
        expect(meshA <= meshB).toBe(true);
        if (meshA === meshB) expect(titleA <= titleB).toBe(true);
      }
    }
  });

  it('diagnoseMesh keeps to one mesh', () => {
    const snapshot = scenario('mixed');
    const findings = diagnoseMesh(snapshot, 'default');
    expect(findings.length).toBeGreaterThanOrEqual(2);
    expect(findings.every((finding) => finding.mesh === 'default')).toBe(true);
    expect(diagnose(snapshot).filter((finding) => finding.mesh === 'default')).toEqual(findings);
  });
});

describe.each(['docs-builtin', 'docs-delegated'] as const)('demo scenario "%s"', (name) => {
  it('is healthy: no error or warning', () => {
    const findings = diagnose(scenario(name, 3));
    expect(findings.filter((finding) => finding.severity !== 'info')).toEqual([]);
  });
});
