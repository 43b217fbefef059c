import { describe, expect, it } from 'vitest';
import { makeFinding } from '../../diagnosis/finding';
import type { Finding, ResourceRef } from '../../diagnosis/types';
import { edgeExample, meshSnapshot } from '../../traffic/test-fixtures';
import { serviceFindings } from './service-findings';
import { serviceModel } from './service-model';

function finding(
  id: string,
  subject: ResourceRef,
  related: ResourceRef[] = [],
  mesh = 'default',
): Finding {
  return makeFinding({
    rule: 'no-healthy-backend',
    severity: 'error',
    mesh,
    subject,
    qualifier: id,
    related,
    title: id,
    symptom: '',
    evidence: [],
    fix: '',
  });
}

const ref = (type: string, name: string, mesh = 'default'): ResourceRef => ({ type, mesh, name });

describe('serviceFindings', () => {
  const model = serviceModel(
    meshSnapshot({
      ...edgeExample(),
      // A route that targets a gateway that is not there: on the way in, though it sends nothing.
      httpRoutes: [
        ...edgeExample().httpRoutes,
        {
          type: 'MeshHTTPRoute',
          mesh: 'default',
          name: 'stray',
          spec: {
            targetRef: { kind: 'MeshGateway', name: 'gone' },
            to: [
              {
                targetRef: { kind: 'Mesh' },
                rules: [{ default: { backendRefs: [{ kind: 'MeshService', name: 'backend' }] } }],
              },
            ],
          },
        },
      ],
    }),
    'backend',
  );

  it.each<[string, Finding, 'service' | 'path' | undefined]>([
    ['the service as ServiceInsight', finding('a', ref('ServiceInsight', 'backend')), 'service'],
    ['the service as the trace names it', finding('b', ref('Service', 'backend')), 'service'],
    [
      'the service as a related MeshService',
      finding('c', ref('Mesh', 'default'), [ref('MeshService', 'backend')]),
      'service',
    ],
    ['one of its dataplanes', finding('d', ref('Dataplane', 'backend-1')), 'service'],
    ['its gateway', finding('e', ref('MeshGateway', 'edge-gateway')), 'path'],
    ['a route in front of it', finding('f', ref('MeshHTTPRoute', 'edge-http')), 'path'],
    ['a route naming it that sends nothing', finding('g', ref('MeshHTTPRoute', 'stray')), 'path'],
    [
      "its gateway, about another service's way in",
      finding('h', ref('MeshGateway', 'edge-gateway'), [ref('ServiceInsight', 'frontend')]),
      undefined,
    ],
    ['another service', finding('i', ref('ServiceInsight', 'frontend')), undefined],
    ['another dataplane', finding('j', ref('Dataplane', 'frontend-1')), undefined],
    ['the mesh alone', finding('k', ref('Mesh', 'default')), undefined],
    [
      'the same name in another mesh',
      finding('l', ref('ServiceInsight', 'backend', 'other'), [], 'other'),
      undefined,
    ],
  ])('%s → %s', (_label, input, about) => {
    expect(serviceFindings([input], model)[0]?.about).toBe(about);
  });

  it('lists findings about the service before those on the way in, in diagnosis order', () => {
    const list = [
      finding('path-1', ref('MeshGateway', 'edge-gateway')),
      finding('own-1', ref('ServiceInsight', 'backend')),
      finding('path-2', ref('MeshHTTPRoute', 'edge-http')),
      finding('own-2', ref('Dataplane', 'backend-1')),
    ];
    expect(serviceFindings(list, model).map((entry) => entry.finding.title)).toEqual([
      'own-1',
      'own-2',
      'path-1',
      'path-2',
    ]);
  });
});
