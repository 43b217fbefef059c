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
    ['/', '/'],
  ])('%s is under %s', (path, section) => {
    expect(sectionOf(path)).toBe(section);
  });
});
