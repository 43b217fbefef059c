import { describe, expect, it } from 'vitest';
import { dataplaneSearchQuery, parseDataplaneSearch } from './search';

describe('parseDataplaneSearch', () => {
  it.each([
    ['', { tags: [], ignored: [] }],
    ['web', { name: 'web', tags: [], ignored: [] }],
    ['name:front', { name: 'front', tags: [], ignored: [] }],
    ['tag:kuma.io/service:backend', { tags: ['kuma.io/service:backend'], ignored: [] }],
    ['tag:version:v1:beta', { tags: ['version:v1:beta'], ignored: [] }],
    [
      'service:redis protocol:tcp',
      { tags: ['kuma.io/service:redis', 'kuma.io/protocol:tcp'], ignored: [] },
    ],
    ['gateway:builtin', { gateway: 'builtin', tags: [], ignored: [] }],
    ['type:delegated', { gateway: 'delegated', tags: [], ignored: [] }],
    ['gateway:none', { gateway: 'false', tags: [], ignored: [] }],
    ['status:degraded', { status: 'partially_degraded', tags: [], ignored: [] }],
    ['zone:east', { zone: 'east', tags: [], ignored: [] }],
    [
      'gateway:maybe tag:novalue color:red name:',
      { tags: [], ignored: ['gateway:maybe', 'tag:novalue', 'color:red', 'name:'] },
    ],
  ])('reads %j', (text, expected) => {
    expect(parseDataplaneSearch(text)).toEqual(expected);
  });

  it('maps to the server-side filters, zone as the kuma.io/zone tag', () => {
    expect(
      dataplaneSearchQuery(
        parseDataplaneSearch('web service:backend zone:east gateway:true status:online'),
      ),
    ).toEqual({
      name: 'web',
      tag: ['kuma.io/service:backend', 'kuma.io/zone:east'],
      gateway: 'true',
    });
  });
});
