/** Builders for the diagnosis tests, on top of the traffic fixtures (REST wire shape). */
import { expect } from 'vitest';
import type { MeshSnapshot } from '../kuma/snapshot';
import type { DataplaneOverview, MeshGatewayListener, MeshServicesMode } from '../kuma/types';
import {
  builtinGatewayDp,
  cpSnapshot,
  delegatedGatewayDp,
  httpRoute,
  meshGateway,
  meshResource,
  meshSnapshot,
  prefixRule,
  sidecarDp,
  trafficPermission,
} from '../traffic/test-fixtures';
import { diagnose } from './diagnose';
import type { DiagnosisRule, Finding, ResourceRef, Severity } from './types';

export const ALLOW_EDGE_GATEWAY = trafficPermission('allow-edge-gateway', {
  targetRef: { kind: 'Mesh' },
  from: [
    {
      targetRef: { kind: 'MeshSubset', tags: { 'kuma.io/service': 'edge-gateway' } },
      default: { action: 'Allow' },
    },
  ],
});

export interface HealthyOptions {
  mesh?: string;
  mtls?: boolean;
  mode?: MeshServicesMode;
  listeners?: MeshGatewayListener[];
}

/**
 * A mesh nothing is wrong with: MeshGateway edge-gateway (one online proxy) with one HTTP
 * listener on 8080, a route sending / to `backend` (one healthy sidecar), mTLS on and a
 * MeshTrafficPermission allowing the gateway.
 */
export function healthyMesh(options: HealthyOptions = {}): MeshSnapshot {
  const mesh = options.mesh ?? 'default';
  return meshSnapshot({
    mesh: meshResource(mesh, { mtls: options.mtls ?? true, mode: options.mode }),
    gateways: [
      meshGateway(
        'edge-gateway',
        options.listeners ?? [{ port: 8080, protocol: 'HTTP', tags: { listener: 'http' } }],
        { mesh },
      ),
    ],
    dataplanes: [
      builtinGatewayDp('edge-gateway-1', { 'kuma.io/service': 'edge-gateway' }, { mesh }),
      sidecarDp('backend-1', [{ service: 'backend' }], { mesh }),
    ],
    httpRoutes: [
      httpRoute(
        'edge-http',
        {
          targetRef: { kind: 'MeshGateway', name: 'edge-gateway' },
          to: [{ targetRef: { kind: 'Mesh' }, rules: [prefixRule('/', 'backend')] }],
        },
        mesh,
      ),
    ],
    trafficPermissions: [{ ...ALLOW_EDGE_GATEWAY, mesh }],
  });
}

/** A delegated gateway `kong` with one outbound to `backend`, next to a healthy mesh. */
export function delegatedMesh(
  options: { online?: boolean; outbound?: boolean; mtls?: boolean } = {},
): MeshSnapshot {
  const outbound =
    options.outbound === false ? [] : [{ port: 33033, tags: { 'kuma.io/service': 'backend' } }];
  return meshSnapshot({
    mesh: meshResource('default', { mtls: options.mtls ?? true }),
    dataplanes: [
      delegatedGatewayDp('kong-1', 'kong', outbound, { online: options.online }),
      sidecarDp('backend-1', [{ service: 'backend' }]),
    ],
    trafficPermissions: [
      trafficPermission('allow-kong', {
        targetRef: { kind: 'Mesh' },
        from: [
          {
            targetRef: { kind: 'MeshSubset', tags: { 'kuma.io/service': 'kong' } },
            default: { action: 'Allow' },
          },
        ],
      }),
    ],
  });
}

/** A copy of `dataplane` whose last xDS subscription reports `rejected` NACKs (as a string). */
export function withRejections(dataplane: DataplaneOverview, rejected: string): DataplaneOverview {
  const subscriptions = dataplane.dataplaneInsight?.subscriptions ?? [];
  const last = subscriptions.at(-1);
  if (!last) return dataplane;
  return {
    ...dataplane,
    dataplaneInsight: {
      ...dataplane.dataplaneInsight,
      subscriptions: [
        ...subscriptions.slice(0, -1),
        {
          ...last,
          status: {
            lastUpdateTime: '2025-01-01T00:05:00Z',
            total: {
              responsesSent: '12',
              responsesAcknowledged: '10',
              responsesRejected: rejected,
            },
            lds: { responsesSent: '3', responsesAcknowledged: '1', responsesRejected: rejected },
          },
        },
      ],
    },
  };
}

export function findingsOf(meshes: MeshSnapshot | MeshSnapshot[], rule?: DiagnosisRule): Finding[] {
  const list = Array.isArray(meshes) ? meshes : [meshes];
  const findings = diagnose(cpSnapshot(...list));
  return rule ? findings.filter((finding) => finding.rule === rule) : findings;
}

export interface FailingCase {
  name: string;
  meshes: () => MeshSnapshot | MeshSnapshot[];
  rule: DiagnosisRule;
  severity: Severity;
  subject: ResourceRef;
  /** Tells findings of one subject apart: the finding's id ends with it. */
  idEndsWith?: string;
  /** Each must match some evidence sentence. */
  evidence: (string | RegExp)[];
  symptom?: string | RegExp;
  fix?: string | RegExp;
  fixAction?: Finding['fixAction'];
}

export interface HealthyCase {
  name: string;
  meshes: () => MeshSnapshot | MeshSnapshot[];
  rule: DiagnosisRule;
}

function matches(text: string, pattern: string | RegExp): boolean {
  return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
}

/** The one finding of `rule` about `subject` (and `idEndsWith`), checked against the case. */
export function expectFailing(testCase: FailingCase): Finding {
  const findings = findingsOf(testCase.meshes(), testCase.rule).filter(
    (finding) =>
      finding.subject.type === testCase.subject.type &&
      finding.subject.mesh === testCase.subject.mesh &&
      finding.subject.name === testCase.subject.name &&
      (!testCase.idEndsWith || finding.id.endsWith(testCase.idEndsWith)),
  );
  expect(findings, `findings of ${testCase.rule} about ${testCase.subject.name}`).toHaveLength(1);
  const finding = findings[0] as Finding;
  expect(finding.rule).toBe(testCase.rule);
  expect(finding.severity).toBe(testCase.severity);
  expect(finding.subject).toEqual(testCase.subject);
  expect(finding.id.startsWith(`${testCase.rule}:${testCase.subject.mesh}:`)).toBe(true);
  for (const pattern of testCase.evidence) {
    expect(
      finding.evidence.some((sentence) => matches(sentence, pattern)),
      `evidence matching ${String(pattern)} in:\n${finding.evidence.join('\n')}`,
    ).toBe(true);
  }
  if (testCase.symptom) expect(matches(finding.symptom, testCase.symptom)).toBe(true);
  if (testCase.fix) expect(finding.fix).toMatch(testCase.fix);
  if (testCase.fixAction) expect(finding.fixAction).toEqual(testCase.fixAction);
  expect(finding.title).not.toBe('');
  expect(finding.fix).not.toBe('');
  return finding;
}

export function expectHealthy(testCase: HealthyCase): void {
  expect(findingsOf(testCase.meshes(), testCase.rule)).toEqual([]);
}
