import { describe, expect, it } from 'vitest';
import { createDemoApp } from './app';
import { DEFAULT_OPTIONS } from './options';
import { loadScenario } from './scenarios';
import { World } from './world';

describe('--token', () => {
  const world = new World({ ...DEFAULT_OPTIONS, startTime: 0, token: 's3cret' });
  loadScenario(world, 'mixed');
  const app = createDemoApp(world);
  const get = (path: string, authorization?: string) =>
    app.fetch(
      new Request(`http://cp.test${path}`, authorization ? { headers: { authorization } } : {}),
    );

  it.each([
    ['/meshes', undefined, 401],
    ['/meshes', 'Bearer wrong', 401],
    ['/meshes', 'Bearer s3cret', 200],
    // kuma-cp never authenticates the index, and the demo controls are not Kuma's API.
    ['/', undefined, 200],
    ['/_demo/faults', undefined, 200],
  ])('GET %s with %s → %i', async (path, authorization, status) => {
    const response = await get(path, authorization);
    expect(response.status).toBe(status);
    if (status === 401)
      expect(await response.json()).toMatchObject({ status: 401, title: 'Unauthenticated' });
  });
});
