import { describe, expect, it } from 'vitest';
import { KumaApiError } from '../../kuma/client';
import type { Resource } from '../../kuma/mutations/resource-version';
import type { WriteItem } from '../../kuma/mutations/writes';
import type { FormIssue } from './field-paths';
import {
  createdMeanwhile,
  createdMeanwhileText,
  existingResourceLink,
  nameIssue,
  nameStateOf,
  nameTargets,
} from './name-check';

function item(type: string, name: string, mesh = 'default', field = 'name'): WriteItem {
  return {
    resource: { type, mesh, name } as Resource,
    label: `${type} ${name}`,
    path: `/meshes/${mesh}/${type.toLowerCase()}s/${name}`,
    toField: (path) => (path === 'name' ? field : 'form'),
  };
}

const apiError = (status: number) =>
  new KumaApiError({ kind: 'http', status, message: `status ${status}`, path: '/p' });

describe('nameTargets', () => {
  const gateway = item('MeshGateway', 'edge');
  const instance = item('Dataplane', 'edge-1', 'default', 'instances.0.name');
  const error = (field: string): FormIssue => ({ field, message: 'invalid', severity: 'error' });
  const warning = (field: string): FormIssue => ({ field, message: 'hm', severity: 'warning' });

  it.each([
    ['both new, no issues', [gateway, instance], {}, [], ['name', 'instances.0.name']],
    [
      'the gateway written already (ours)',
      [gateway, instance],
      { [gateway.path]: {} },
      [],
      ['instances.0.name'],
    ],
    [
      'a malformed name is not looked up',
      [gateway, instance],
      {},
      [error('name')],
      ['instances.0.name'],
    ],
    ['a warning does not stop the lookup', [gateway], {}, [warning('name')], ['name']],
    ['no name yet', [item('MeshGateway', '')], {}, [], []],
  ])('%s', (_label, items, bases, errors, fields) => {
    expect(nameTargets(items, bases, errors).map((target) => target.field)).toEqual(fields);
  });

  it('names type, mesh and name: what kuma-cp keys a resource by', () => {
    expect(nameTargets([item('MeshHTTPRoute', 'r', 'payments')], {}, [])).toEqual([
      {
        path: '/meshes/payments/meshhttproutes/r',
        type: 'MeshHTTPRoute',
        mesh: 'payments',
        name: 'r',
        field: 'name',
      },
    ]);
  });
});

describe('nameStateOf', () => {
  it.each([
    ['404 is free', { error: apiError(404) }, 'free'],
    ['a resource is taken', { data: { type: 'MeshGateway', mesh: 'm', name: 'n' } }, 'taken'],
    ['a 500 cannot tell', { error: apiError(500) }, 'unknown'],
    ['a 403 cannot tell', { error: apiError(403) }, 'unknown'],
    ['a network error cannot tell', { error: new TypeError('Failed to fetch') }, 'unknown'],
  ])('%s', (_label, result, kind) => {
    expect(nameStateOf(result).kind).toBe(kind);
  });
});

describe('existingResourceLink', () => {
  it.each([
    [{ type: 'MeshGateway', mesh: 'default', name: 'edge' }, '/meshes/default/gateways/edge/edit'],
    [
      {
        type: 'MeshHTTPRoute',
        mesh: 'm',
        name: 'r',
        spec: { targetRef: { kind: 'MeshGateway', name: 'edge' } },
      },
      '/meshes/m/gateways/edge/routes/http/r/edit',
    ],
    [
      {
        type: 'MeshTCPRoute',
        mesh: 'm',
        name: 't',
        spec: { targetRef: { kind: 'MeshGateway', name: 'edge' } },
      },
      '/meshes/m/gateways/edge/routes/tcp/t/edit',
    ],
    [
      { type: 'MeshHTTPRoute', mesh: 'm', name: 'r', spec: { targetRef: { kind: 'Mesh' } } },
      '/meshes/m',
    ],
    [
      {
        type: 'Dataplane',
        mesh: 'm',
        name: 'kong-1',
        networking: { gateway: { tags: { 'kuma.io/service': 'kong' } } },
      },
      '/meshes/m/delegated-gateways/kong/dataplanes/kong-1/edit',
    ],
    [
      {
        type: 'Dataplane',
        mesh: 'm',
        name: 'gw-1',
        networking: { gateway: { type: 'BUILTIN', tags: { 'kuma.io/service': 'gw' } } },
      },
      '/meshes/m/dataplanes/gw-1',
    ],
    [
      { type: 'Dataplane', mesh: 'm', name: 'web-1', networking: { inbound: [] } },
      '/meshes/m/dataplanes/web-1',
    ],
    [{ type: 'MeshGateway', mesh: 'a b', name: 'x/y' }, '/meshes/a%20b/gateways/x%2Fy/edit'],
    [
      { type: 'MeshTrafficPermission', mesh: 'payments', name: 'allow-edge' },
      '/meshes/payments/permissions/allow-edge/edit',
    ],
    [
      { type: 'MeshTrafficPermission', mesh: 'm', name: 'a.b/c' },
      '/meshes/m/permissions/a.b%2Fc/edit',
    ],
    [{ type: 'MeshRetry', mesh: 'm', name: 'r' }, undefined],
  ])('%j → %s', (resource, link) => {
    expect(existingResourceLink(resource as Resource)).toBe(link);
  });
});

describe('nameIssue', () => {
  const target = { path: '/p', type: 'MeshGateway', mesh: 'default', name: 'edge', field: 'name' };

  it('says nothing while pending or free', () => {
    expect(nameIssue(target, undefined)).toBeUndefined();
    expect(nameIssue(target, { kind: 'free' })).toBeUndefined();
  });

  it('is an error with a link to the existing resource when taken', () => {
    expect(
      nameIssue(target, {
        kind: 'taken',
        existing: { type: 'MeshGateway', mesh: 'default', name: 'edge' } as Resource,
      }),
    ).toEqual({
      field: 'name',
      severity: 'error',
      message:
        'MeshGateway "edge" already exists in mesh "default": choose another name, or edit the existing one.',
      link: { to: '/meshes/default/gateways/edge/edit', label: 'Open MeshGateway edge' },
    });
  });

  it('is a warning, not a block, when the control plane cannot say', () => {
    expect(nameIssue(target, { kind: 'unknown', reason: 'timed out' })).toEqual({
      field: 'name',
      severity: 'warning',
      message: 'Could not check whether MeshGateway "edge" already exists: timed out',
    });
  });
});

describe('createdMeanwhile', () => {
  const stored = { type: 'MeshGateway', mesh: 'default', name: 'edge' } as Resource;
  it.each([
    ['a create that found it stored', undefined, stored, true],
    ['an edit whose resource changed', { hash: 'x' }, stored, false],
    ['an edit whose resource was deleted', { hash: 'x' }, undefined, false],
    ['a create whose resource is gone again', undefined, undefined, false],
  ])('%s', (_label, base, current, expected) => {
    expect(createdMeanwhile({ item: { ...item('MeshGateway', 'edge'), base }, current })).toBe(
      expected,
    );
  });

  it('says who and links to theirs', () => {
    expect(createdMeanwhileText({ item: item('MeshGateway', 'edge'), current: stored })).toEqual({
      message:
        'MeshGateway "edge" was created meanwhile by someone else in mesh "default": what is stored under that name is theirs, not yours. Choose another name, or open theirs.',
      link: '/meshes/default/gateways/edge/edit',
    });
  });
});
