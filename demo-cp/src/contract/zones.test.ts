/**
 * Contract: Zones on a global control plane and on a federated zone, as kuma-cp 2.14.3 and
 * 2.6.15 answer them (read off a real global / zone pair; the multi-zone differential suite
 * checks the same against a running one).
 */
import { describe, expect, it } from 'vitest';
import { cp, expectInvalid, expectKumaError, type Json, type ListBody } from './harness';

const BAD_REQUEST = 'Bad Request';

describe('PUT /zones/{name} reads the body as kuma-cp reads a legacy resource', () => {
  it.each([
    {
      what: '`enabled` as a string',
      body: { type: 'Zone', name: 'zone-c', enabled: 'yes' },
      detail: 'invalid Zone object: "json: cannot unmarshal string into Go value of type bool"',
    },
    {
      what: '`enabled` as a number',
      body: { type: 'Zone', name: 'zone-c', enabled: 1 },
      detail: 'invalid Zone object: "json: cannot unmarshal number into Go value of type bool"',
    },
    {
      what: 'an array',
      body: '[]',
      detail:
        'invalid Zone object: "json: cannot unmarshal array into Go value of type v1alpha1.ResourceMeta"',
    },
    {
      what: 'a number for the name',
      body: { type: 'Zone', name: 5 },
      detail:
        'invalid Zone object: "json: cannot unmarshal number into Go struct field ResourceMeta.name of type string"',
    },
    {
      what: 'a time that is not RFC 3339',
      body: { type: 'Zone', name: 'zone-c', creationTime: 'bad' },
      detail:
        'invalid Zone object: "parsing time \\"bad\\" as \\"2006-01-02T15:04:05Z07:00\\": cannot parse \\"bad\\" as \\"2006\\""',
    },
    {
      what: 'broken JSON',
      body: '{bad',
      detail: `invalid Zone object: "invalid character 'b' looking for beginning of object key string"`,
    },
  ])('$what: 400 Bad Request', async ({ body, detail }) => {
    const client = cp({ mode: 'global' });
    expectKumaError(await client.put('/zones/zone-c', body), {
      status: 400,
      title: BAD_REQUEST,
      detail,
    });
  });

  it.each([
    {
      what: 'null: names and type differ from the URL, and the name is empty',
      body: 'null',
      parameters: [
        { field: 'name', reason: 'name from the URL has to be the same as in body' },
        { field: 'type', reason: 'type from the URL has to be the same as in body' },
        { field: 'name', reason: 'cannot be empty' },
      ],
    },
    {
      what: 'another type',
      body: { type: 'Mesh', name: 'zone-c' },
      parameters: [{ field: 'type', reason: 'type from the URL has to be the same as in body' }],
    },
    {
      what: 'the zone origin on a global (2.10+)',
      body: { type: 'Zone', name: 'zone-c', labels: { 'kuma.io/origin': 'zone' } },
      parameters: [
        { field: 'labels["kuma.io/origin"]', reason: "the origin label must be set to 'global'" },
      ],
    },
  ])('$what: 400 Resource is not valid', async ({ body, parameters }) => {
    expectInvalid(await cp({ mode: 'global' }).put('/zones/zone-c', body), parameters);
  });

  it('ignores unknown fields; `enabled` left out or null is not stored', async () => {
    const client = cp({ mode: 'global', kumaVersion: '2.6.15' });
    const created = await client.put('/zones/zone-b', {
      type: 'Zone',
      name: 'zone-b',
      unknown: 1,
      spec: { x: 1 },
      enabled: null,
      labels: { team: 'a' },
    });
    expect(created.status).toBe(201);
    // 2.6 answers a successful write with an empty body.
    expect(created.text).toBe('');
    expect(await client.json('/zones/zone-b')).toEqual({
      type: 'Zone',
      name: 'zone-b',
      creationTime: expect.any(String),
      modificationTime: expect.any(String),
      labels: { team: 'a' },
    });
    // The zone origin is no error on 2.6.
    const update = await client.put('/zones/zone-b', {
      type: 'Zone',
      name: 'zone-b',
      labels: { 'kuma.io/origin': 'zone' },
    });
    expect(update.status).toBe(200);
  });

  it('a disabled zone says so; a zone no control plane connected for has an empty insight', async () => {
    const client = cp({ mode: 'global' });
    await client.put('/zones/zone-a', { type: 'Zone', name: 'zone-a', enabled: false });
    expect(await client.json('/zones/zone-a')).toMatchObject({
      enabled: false,
      kri: 'kri_z____zone-a_',
    });
    const overview = await client.json<Json>('/zones/zone-a/_overview');
    expect(overview.zone).toEqual({ enabled: false });
    expect(overview.zoneInsight).toEqual({});
    // Listed, the empty insight is left out altogether.
    const listed = await client.json<ListBody<Json>>('/zones/_overview?name=zone-a');
    expect(listed.items[0]).not.toHaveProperty('zoneInsight');
  });

  it('refuses to delete a zone whose control plane is connected', async () => {
    const client = cp({ mode: 'global' });
    expectInvalid(await client.del('/zones/zone-east'), [
      {
        field: 'zone',
        reason: 'unable to delete Zone, Zone CP is still connected, please shut it down first',
      },
    ]);
  });

  it('filters the list on labels, and only on labels', async () => {
    const client = cp({ mode: 'global' });
    await client.put('/zones/zone-b', { type: 'Zone', name: 'zone-b', labels: { team: 'a' } });
    const labelled = await client.json<ListBody<Json>>('/zones?filter[labels.team]=a');
    expect(labelled.items.map((item) => item.name)).toEqual(['zone-b']);
    expectInvalid(await client.get('/zones?filter[spec.x]=1'), [
      { field: '/zones.filter[spec.x]', reason: 'filters are only supported on labels' },
    ]);
  });
});

describe('the zones a control plane shows', () => {
  it('a global: each connected zone, enabled, with its KDS subscription', async () => {
    const client = cp({ mode: 'global' });
    const [east] = (await client.json<ListBody<Json>>('/zones/_overview')).items;
    expect(east).toMatchObject({ name: 'zone-east', kri: 'kri_z____zone-east_' });
    expect(east?.zone).toEqual({ enabled: true });
    const subscription = east?.zoneInsight.subscriptions[0];
    // Every type the global streams to a zone has its counters.
    expect(Object.keys(subscription.status.stat)).toContain('MeshGateway');
    expect(subscription.status.stat.Mesh).toEqual({
      responsesSent: expect.any(String),
      responsesAcknowledged: expect.any(String),
    });
    expect(JSON.parse(subscription.config)).toMatchObject({
      mode: 'zone',
      multizone: { zone: { name: 'zone-east' } },
    });
    expect(Object.keys(east?.zoneInsight).sort()).toEqual([
      'envoyAdminStreams',
      'healthCheck',
      'kdsStreams',
      'subscriptions',
    ]);
  });

  it('a federated zone: itself, without `enabled`, with the stream it sends the global', async () => {
    const client = cp({ mode: 'zone', zone: 'zone-east' });
    const zones = await client.json<ListBody<Json>>('/zones');
    expect(zones.items).toEqual([
      {
        type: 'Zone',
        name: 'zone-east',
        creationTime: expect.any(String),
        modificationTime: expect.any(String),
        kri: 'kri_z____zone-east_',
      },
    ]);
    const overview = await client.json<Json>('/zones/zone-east/_overview');
    expect(overview.zone).toEqual({});
    const [subscription] = overview.zoneInsight.subscriptions;
    expect(Object.keys(subscription.status.stat)).toContain('Dataplane');
    expect(subscription).not.toHaveProperty('config');
  });
});
