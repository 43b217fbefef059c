import { describe, expect, it } from 'vitest';
import { displayNameOf, storedNameIfRenamed } from './display-name';
import type { Labels } from './types';

describe('display names of synced resources', () => {
  it.each<{
    what: string;
    resource: { name: string; labels?: Labels };
    shown: string;
    stored?: string;
  }>([
    {
      what: 'a dataplane synced to the global control plane',
      resource: {
        name: 'backend-1-66xx8vw7fxxw7bb8',
        labels: { 'kuma.io/display-name': 'backend-1', 'kuma.io/zone': 'zone-1' },
      },
      shown: 'backend-1',
      stored: 'backend-1-66xx8vw7fxxw7bb8',
    },
    {
      what: 'a gateway written here',
      resource: { name: 'edge-gateway', labels: { 'kuma.io/mesh': 'default' } },
      shown: 'edge-gateway',
      stored: undefined,
    },
    { what: 'no labels (2.6)', resource: { name: 'web-1' }, shown: 'web-1', stored: undefined },
    {
      what: 'an empty display name',
      resource: { name: 'web-1', labels: { 'kuma.io/display-name': '' } },
      shown: 'web-1',
      stored: undefined,
    },
    {
      what: 'a display name equal to the name',
      resource: { name: 'checkout', labels: { 'kuma.io/display-name': 'checkout' } },
      shown: 'checkout',
      stored: undefined,
    },
  ])('$what', ({ resource, shown, stored }) => {
    expect(displayNameOf(resource)).toBe(shown);
    expect(storedNameIfRenamed(resource)).toBe(stored);
  });
});
