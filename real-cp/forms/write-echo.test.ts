/**
 * What the forms' save relies on, checked against a real kuma-cp:
 * - a resource a form writes is served back so that the re-read after the PUT says "kept" (no
 *   false "changed right after your save" for kuma-cp's own rewriting: protojson, computed
 *   labels, the dataplane manager's tags);
 * - GET shows no resource version, and `modificationTime` moves on every PUT, also one that
 *   writes the same content again (so the form judges by content, not by time);
 * - PUTs racing on one resource: kuma-cp's own read-then-update answers some of them 409, and
 *   what stays is one of the bodies sent.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkDelegatedForm,
  checkHttpRouteForm,
  checkMeshGatewayForm,
  checkTcpRouteForm,
} from '../../src/features/gateway-forms/checks';
import type { FormContext } from '../../src/features/gateway-forms/model';
import { checkPermissionForm } from '../../src/features/gateway-forms/permission-checks';
import type { Resource } from '../../src/kuma/mutations/resource-version';
import { judgeAfterWrite, storedFormOf } from '../../src/kuma/mutations/write-echo';
import type { Mesh } from '../../src/kuma/types';
import { parseKumaVersion } from '../../src/kuma/version';
import { type ApiTarget, httpTarget } from '../api-target';
import { type RunningKumaCp, startKumaCp } from '../control-plane';
import { realVersions } from '../real-versions';
import {
  delegatedForm,
  httpRouteForm,
  meshGatewayForm,
  standaloneFormContext,
  tcpRouteForm,
} from './form-arbitraries';
import { permissionForm } from './permission-arbitraries';

const RUNS = Number(process.env.FORM_RUNS ?? 50);
const SEED = Number(process.env.GENERATED_SEED ?? 20261203);

describe.each(realVersions())('what kuma-cp %s serves back after a write', (version) => {
  let cp: RunningKumaCp;
  let real: ApiTarget;
  let ctx: FormContext;
  const caps = { version: parseKumaVersion(version), environment: 'universal' as const };

  beforeAll(async () => {
    cp = await startKumaCp({ version });
    real = httpTarget('kuma-cp', cp.url);
    const mesh = (await real.call('GET', '/meshes/default')).body as Mesh;
    ctx = standaloneFormContext(version, mesh);
  });

  afterAll(async () => {
    await cp?.stop();
  });

  /** PUTs each accepted form's resources, re-reads each, and counts the verdicts. */
  async function echo<Form>(
    arbitrary: fc.Arbitrary<Form>,
    check: (form: Form) => { errors: unknown[]; puts: { path: string; body: Resource }[] },
  ): Promise<number> {
    let compared = 0;
    for (const form of fc.sample(arbitrary, { numRuns: RUNS, seed: SEED })) {
      const { errors, puts } = check(form);
      if (errors.length > 0) continue;
      for (const put of puts) {
        const reply = await real.call('PUT', put.path, put.body);
        if (reply.status !== 200 && reply.status !== 201) continue;
        const reread = (await real.call('GET', put.path)).body as Resource;
        expect(
          judgeAfterWrite(storedFormOf(caps, put.body), reread),
          `sent ${JSON.stringify(put.body)}\nserved ${JSON.stringify(reread)}`,
        ).toBe('kept');
        compared += 1;
        await real.call('DELETE', put.path);
      }
    }
    expect(compared).toBeGreaterThan(0);
    return compared;
  }

  const path = (segment: string, name: string) =>
    `/meshes/default/${segment}/${encodeURIComponent(name)}`;

  it('every resource the forms write is read back as ours', async () => {
    const counts = {
      gateway: await echo(meshGatewayForm, (form) => {
        const { errors, resources } = checkMeshGatewayForm(form, ctx, { isNew: true });
        return {
          errors,
          puts: [
            { path: path('meshgateways', form.name), body: resources.gateway as Resource },
            ...resources.dataplanes.map((dataplane) => ({
              path: path('dataplanes', dataplane.name),
              body: dataplane as unknown as Resource,
            })),
          ],
        };
      }),
      httpRoute: await echo(httpRouteForm, (form) => {
        const meta = { mesh: 'default', gateway: 'edge-gateway' };
        const { errors, resources } = checkHttpRouteForm(form, ctx, meta, { isNew: true });
        return {
          errors,
          puts: [{ path: path('meshhttproutes', form.name), body: resources.route as Resource }],
        };
      }),
      tcpRoute: await echo(tcpRouteForm, (form) => {
        const meta = { mesh: 'default', gateway: 'edge-gateway' };
        const { errors, resources } = checkTcpRouteForm(form, ctx, meta, { isNew: true });
        return {
          errors,
          puts: [{ path: path('meshtcproutes', form.name), body: resources.route as Resource }],
        };
      }),
      delegated: await echo(delegatedForm, (form) => {
        const { errors, resources } = checkDelegatedForm(form, ctx, { isNew: true });
        return {
          errors,
          puts: [
            {
              path: path('dataplanes', form.name),
              body: resources.dataplane as unknown as Resource,
            },
          ],
        };
      }),
      permission: await echo(permissionForm, (form) => {
        const { errors, resources } = checkPermissionForm(
          form,
          ctx,
          { mesh: 'default' },
          {
            isNew: true,
          },
        );
        return {
          errors,
          puts: [
            {
              path: path('meshtrafficpermissions', form.name),
              body: resources.policy as unknown as Resource,
            },
          ],
        };
      }),
    };
    console.info(`kuma-cp ${version}: resources written and read back as ours`, counts);
  });

  const gateway = (limit: number) => ({
    type: 'MeshGateway',
    mesh: 'default',
    name: 'race',
    selectors: [{ match: { 'kuma.io/service': 'race' } }],
    conf: {
      listeners: [{ port: 8080, protocol: 'HTTP', resources: { connectionLimit: limit } }],
    },
  });

  it('shows no version, and moves modificationTime on a PUT of the same content', async () => {
    const at = path('meshgateways', 'race');
    expect((await real.call('PUT', at, gateway(1))).status).toBe(201);
    const first = (await real.call('GET', at)).body as Record<string, unknown>;
    expect(Object.keys(first).filter((key) => /version/i.test(key))).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await real.call('PUT', at, gateway(1))).status).toBe(200);
    const second = (await real.call('GET', at)).body as Record<string, unknown>;
    expect(second.modificationTime).not.toBe(first.modificationTime);
    expect(
      judgeAfterWrite(storedFormOf(caps, gateway(1) as Resource), second as unknown as Resource),
    ).toBe('kept');
    await real.call('DELETE', at);
  });

  it('PUTs racing on one resource: what stays is one of them, some may be refused with 409', async () => {
    const at = path('meshgateways', 'race');
    expect((await real.call('PUT', at, gateway(1))).status).toBe(201);
    const rounds = 20;
    const racers = 8;
    const statuses: Record<number, number> = {};
    for (let round = 0; round < rounds; round++) {
      const limits = Array.from({ length: racers }, (_, i) => 1000 * (round + 1) + i);
      const replies = await Promise.all(
        limits.map((limit) => real.call('PUT', at, gateway(limit))),
      );
      for (const reply of replies) statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
      const kept = (await real.call('GET', at)).body as Resource;
      const accepted = limits.filter((_, i) => replies[i]?.status === 200);
      expect(accepted.length).toBeGreaterThan(0);
      expect(
        accepted.some(
          (limit) =>
            judgeAfterWrite(storedFormOf(caps, gateway(limit) as Resource), kept) === 'kept',
        ),
      ).toBe(true);
    }
    console.info(`kuma-cp ${version}: ${rounds} × ${racers} racing PUTs answered`, statuses);
    expect(Object.keys(statuses).every((status) => status === '200' || status === '409')).toBe(
      true,
    );
    await real.call('DELETE', at);
  });
});
