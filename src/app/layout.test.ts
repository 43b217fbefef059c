import { describe, expect, it } from 'vitest';
import { sectionOf } from './layout';

describe('sectionOf', () => {
  it.each([
    ['/meshes', '/meshes'],
    ['/meshes/default', '/meshes'],
    ['/meshes/default/gateways/edge-gateway', '/gateways'],
    ['/meshes/payments/delegated-gateways/kong', '/gateways'],
    ['/meshes/default/dataplanes/frontend-1', '/dataplanes'],
    ['/gateways', '/gateways'],
    ['/topology', '/topology'],
    ['/meshes/default/gateways/edge/routes/http/r1/edit', '/gateways'],
    ['/meshes/default/delegated-gateways/kong/dataplanes/kong-1/edit', '/gateways'],
    ['/meshes/default/permissions/new', '/meshes'],
    ['/meshes/default/services/web', '/meshes'],
    ['/gateways/new', '/gateways'],
    ['/zones', '/zones'],
    ['/nowhere/else', '/nowhere'],
    ['/', '/'],
  ])('%s is under %s', (path, section) => {
    expect(sectionOf(path)).toBe(section);
  });
});
