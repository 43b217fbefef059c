/**
 * The forms against the real kuma-cp: generated form inputs are checked by the form (the same
 * code that runs while a user types), then the resources they stand for are PUT to a real
 * kuma-cp. The form's verdict (accepted, or these violations on these fields) must be exactly
 * the control plane's answer, mapped onto the form by the same field mapping.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkDelegatedForm,
  checkHttpRouteForm,
  checkMeshGatewayForm,
  checkTcpRouteForm,
  MSG_DUPLICATE_INSTANCE,
  MSG_DUPLICATE_TAG,
  MSG_EMPTY_HOSTNAME,
  MSG_PORT_FOR_RESOURCE,
  MSG_REDACTED_CERTIFICATE,
  MSG_WHOLE_NUMBER,
} from '../../src/features/gateway-forms/checks';
import {
  delegatedField,
  type FormIssue,
  gatewayInstanceField,
  httpRouteField,
  meshGatewayField,
  tcpRouteField,
} from '../../src/features/gateway-forms/field-paths';
import type { FormContext } from '../../src/features/gateway-forms/model';
import {
  checkPermissionForm,
  MSG_EMPTY_MATCH,
  permissionField,
} from '../../src/features/gateway-forms/permission-checks';
import type { KumaErrorBody, Mesh } from '../../src/kuma/types';
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

/** Checks that are the form's own (what a text field can hold), never a control plane's. */
const FORM_ONLY = new Set([
  MSG_WHOLE_NUMBER,
  MSG_DUPLICATE_TAG,
  MSG_DUPLICATE_INSTANCE,
  MSG_REDACTED_CERTIFICATE,
  MSG_PORT_FOR_RESOURCE,
  MSG_EMPTY_HOSTNAME,
  'set the service in the Service field above',
  MSG_EMPTY_MATCH,
]);

type Issue = Pick<FormIssue, 'field' | 'message'>;

const byFieldAndMessage = (a: Issue, b: Issue) =>
  `${a.field}\u0000${a.message}`.localeCompare(`${b.field}\u0000${b.message}`);

function serverIssues(issues: readonly FormIssue[]): Issue[] {
  return issues
    .filter((issue) => !FORM_ONLY.has(issue.message))
    .map(({ field, message }) => ({ field, message }))
    .sort(byFieldAndMessage);
}

interface Put {
  path: string;
  body: object;
  /** Maps a Kuma field path of this resource onto the form. */
  toField: (path: string, message: string) => string;
}

/** The control plane's answer to the PUTs, as form issues; what it kept is deleted again. */
async function realIssues(real: ApiTarget, puts: readonly Put[]): Promise<Issue[]> {
  const issues: Issue[] = [];
  for (const put of puts) {
    const reply = await real.call('PUT', put.path, put.body);
    if (reply.status === 200 || reply.status === 201) {
      await real.call('DELETE', put.path);
      continue;
    }
    const error = reply.body as KumaErrorBody | undefined;
    if (error?.invalid_parameters?.length) {
      for (const { field, reason } of error.invalid_parameters) {
        issues.push({ field: put.toField(field, reason), message: reason });
      }
    } else {
      issues.push({
        field: '',
        message:
          error?.detail && reply.status === 400
            ? error.detail
            : `HTTP ${reply.status}: ${reply.text}`,
      });
    }
  }
  return issues.sort(byFieldAndMessage);
}

describe.each(realVersions())('the forms agree with kuma-cp %s', (version) => {
  let cp: RunningKumaCp;
  let real: ApiTarget;
  let ctx: FormContext;

  beforeAll(async () => {
    cp = await startKumaCp({ version });
    real = httpTarget('kuma-cp', cp.url);
    const mesh = (await real.call('GET', '/meshes/default')).body as Mesh;
    ctx = standaloneFormContext(version, mesh);
  });

  afterAll(async () => {
    await cp?.stop();
  });

  async function agree<Form>(
    arbitrary: fc.Arbitrary<Form>,
    check: (form: Form) => { errors: FormIssue[]; puts: Put[] },
  ): Promise<void> {
    const samples = fc.sample(arbitrary, { numRuns: RUNS, seed: SEED });
    let rejected = 0;
    for (const form of samples) {
      const { errors, puts } = check(form);
      const predicted = serverIssues(errors);
      const answered = await realIssues(real, puts);
      if (answered.length > 0) rejected += 1;
      expect(predicted, `form: ${JSON.stringify(form)}`).toEqual(answered);
    }
    // The inputs must exercise both verdicts, or the comparison proves little.
    expect(rejected).toBeGreaterThan(0);
    expect(rejected).toBeLessThan(samples.length);
  }

  it('built-in gateway form (the MeshGateway and its Universal instances)', async () => {
    await agree(meshGatewayForm, (form) => {
      const { errors, resources } = checkMeshGatewayForm(form, ctx, { isNew: true });
      const puts: Put[] = [
        {
          path: `/meshes/default/meshgateways/${encodeURIComponent(form.name)}`,
          body: resources.gateway,
          toField: (path, message) => meshGatewayField(path, message, form),
        },
        ...resources.dataplanes.map((dataplane, index) => ({
          path: `/meshes/default/dataplanes/${encodeURIComponent(dataplane.name)}`,
          body: dataplane,
          toField: (path: string) => gatewayInstanceField(path, index),
        })),
      ];
      return { errors, puts };
    });
  });

  it('HTTP route form', async () => {
    await agree(httpRouteForm, (form) => {
      const meta = { mesh: 'default', gateway: 'edge-gateway' };
      const { errors, resources } = checkHttpRouteForm(form, ctx, meta, { isNew: true });
      return {
        errors,
        puts: [
          {
            path: `/meshes/default/meshhttproutes/${encodeURIComponent(form.name)}`,
            body: resources.route,
            toField: (path, message) => httpRouteField(path, message, form),
          },
        ],
      };
    });
  });

  it('TCP route form', async () => {
    await agree(tcpRouteForm, (form) => {
      const meta = { mesh: 'default', gateway: 'edge-gateway' };
      const { errors, resources } = checkTcpRouteForm(form, ctx, meta, { isNew: true });
      return {
        errors,
        puts: [
          {
            path: `/meshes/default/meshtcproutes/${encodeURIComponent(form.name)}`,
            body: resources.route,
            toField: (path, message) => tcpRouteField(path, message, form),
          },
        ],
      };
    });
  });

  it('MeshTrafficPermission form', async () => {
    await agree(permissionForm, (form) => {
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
            path: `/meshes/default/meshtrafficpermissions/${encodeURIComponent(form.name)}`,
            body: resources.policy,
            toField: (path, message) => permissionField(path, message, form),
          },
        ],
      };
    });
  });

  it('delegated gateway form', async () => {
    await agree(delegatedForm, (form) => {
      const { errors, resources } = checkDelegatedForm(form, ctx, { isNew: true });
      return {
        errors,
        puts: [
          {
            path: `/meshes/default/dataplanes/${encodeURIComponent(form.name)}`,
            body: resources.dataplane,
            toField: (path, message) => delegatedField(path, message, form),
          },
        ],
      };
    });
  });
});
