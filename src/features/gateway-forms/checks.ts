/**
 * Each form's checks, run on every change: convert the form to the resources it stands for, run
 * Kuma's own validators on them (`src/kuma/validation`, shared with the demo control plane), and
 * map the violations to form fields. Runtime-only checks (§4.6) come back as warnings.
 *
 * The few checks written here are not Kuma rules: they guard what a text field can hold (a
 * number, a tag name typed twice, an empty row). Every Kuma rule, schema constraints included,
 * lives in `src/kuma/validation`.
 */

import { resourceTypesFor } from '../../kuma/resource-types';
import type { Dataplane, MeshGateway, MeshHTTPRoute, MeshTCPRoute } from '../../kuma/types';
import {
  type AdmittedKind,
  meshGatewayInstanceRuntimeWarnings,
  meshGatewayRuntimeWarnings,
  meshHttpRouteHostnameWarnings,
  predictPut,
  rootedAt,
  type ValidationContext,
  type Violation,
  validateMeshGateway,
  validateMeshGatewayInstance,
  type WriteTarget,
} from '../../kuma/validation';
import { meshHttpRouteRegexWarnings } from '../../traffic/route-regex-warnings';
import { delegatedDataplaneFromForm } from './delegated-convert';
import {
  delegatedField,
  type FormIssue,
  gatewayInstanceField,
  httpRouteField,
  issuesFromViolations,
  meshGatewayField,
  meshGatewayInstanceField,
  tcpRouteField,
} from './field-paths';
import {
  gatewayDataplaneFromForm,
  meshGatewayFromForm,
  meshGatewayInstanceFromForm,
} from './mesh-gateway-convert';
import {
  type BackendForm,
  type DelegatedForm,
  type FormContext,
  type HttpRouteForm,
  isBlankTagRow,
  type MeshGatewayForm,
  parseWholeNumber,
  type TagRow,
  type TcpRouteForm,
} from './model';
import { httpRouteFromForm, type RouteMeta, tcpRouteFromForm } from './route-convert';

export const MSG_WHOLE_NUMBER = 'must be a whole number';
export const MSG_DUPLICATE_TAG = 'this tag name is already set above';
export const MSG_DUPLICATE_INSTANCE = 'another instance already has this name';
export const MSG_REDACTED_CERTIFICATE =
  'inline certificate data is not kept in drafts: enter it again, or remove this certificate';
export const MSG_PORT_FOR_RESOURCE =
  'must be set for a MeshService resource (without a port the name is read as a kuma.io/service tag)';
export const MSG_EMPTY_HOSTNAME = 'enter a hostname or remove this row';

export interface FormCheck<Resources> {
  resources: Resources;
  errors: FormIssue[];
  warnings: FormIssue[];
}

function validationContext(ctx: FormContext): ValidationContext {
  return { version: ctx.version, environment: ctx.environment };
}

export function error(field: string, message: string): FormIssue {
  return { field, message, severity: 'error' };
}

/** A tag name typed in two rows: the map keeps the first, so every later row is flagged. */
export function duplicateTagRows(base: string, rows: readonly TagRow[]): FormIssue[] {
  const seen = new Set<string>();
  const issues: FormIssue[] = [];
  rows.forEach((row, j) => {
    if (isBlankTagRow(row)) return;
    if (seen.has(row.key)) issues.push(error(`${base}.${j}.key`, MSG_DUPLICATE_TAG));
    seen.add(row.key);
  });
  return issues;
}

function wholeNumber(field: string, text: string): FormIssue[] {
  return text.trim() !== '' && parseWholeNumber(text) === undefined
    ? [error(field, MSG_WHOLE_NUMBER)]
    : [];
}

function writeTarget(ctx: FormContext): WriteTarget {
  return {
    version: ctx.version,
    environment: ctx.environment,
    mode: ctx.mode,
    federatedZone: ctx.federatedZone,
    zoneName: ctx.zoneName,
  };
}

/**
 * What the control plane will answer to the PUT of `resource`: its violations (the first
 * failing stage, as kuma-cp reports them) or none. A body it cannot read at all (never made
 * by these forms) lands on the form as a whole.
 */
export function serverVerdict(
  kind: AdmittedKind,
  resource: { name: string; mesh?: string },
  ctx: FormContext,
  isNew: boolean,
): Violation[] {
  const type = resourceTypesFor(ctx.version).find((candidate) => candidate.name === kind);
  if (!type)
    return [{ field: '', message: `kuma-cp ${ctx.version.raw} has no ${kind} resources.` }];
  const verdict = predictPut(
    kind,
    resource,
    { type, mesh: resource.mesh, name: resource.name, creating: isNew },
    writeTarget(ctx),
  );
  if (verdict.accepted) return [];
  return verdict.title === 'Bad Request'
    ? [{ field: '', message: verdict.detail }]
    : verdict.violations;
}

// ------------------------------------------------------------------ built-in gateway

export interface BuiltinGatewayResources {
  gateway: MeshGateway;
  /** Universal capacity: the new BUILTIN gateway Dataplanes. */
  dataplanes: Dataplane[];
  /** Kubernetes capacity. */
  instance?: ReturnType<typeof meshGatewayInstanceFromForm>;
}

export function checkMeshGatewayForm(
  form: MeshGatewayForm,
  ctx: FormContext,
  options: { isNew: boolean; labels?: Record<string, string> },
): FormCheck<BuiltinGatewayResources> {
  const vctx = validationContext(ctx);
  const gateway = meshGatewayFromForm(form, { mesh: ctx.mesh, labels: options.labels });
  const toField = (path: string, message: string) => meshGatewayField(path, message, form);
  const errors: FormIssue[] = [
    ...issuesFromViolations(serverVerdict('MeshGateway', gateway, ctx, options.isNew), toField),
  ];
  const warnings = issuesFromViolations(
    meshGatewayRuntimeWarnings(gateway, ctx.meshResource),
    toField,
    'warning',
  );

  form.selectors.forEach((selector, i) => {
    errors.push(...duplicateTagRows(`selectors.${i}.tags`, selector.tags));
  });
  errors.push(...duplicateTagRows('tags', form.tags));
  form.listeners.forEach((listener, i) => {
    errors.push(...duplicateTagRows(`listeners.${i}.tags`, listener.tags));
    errors.push(...wholeNumber(`listeners.${i}.connectionLimit`, listener.connectionLimit));
    listener.certificates.forEach((certificate, k) => {
      if (certificate.redacted) {
        errors.push(error(`listeners.${i}.certificates.${k}.value`, MSG_REDACTED_CERTIFICATE));
      }
    });
  });

  const resources: BuiltinGatewayResources = { gateway, dataplanes: [] };
  if (ctx.environment === 'universal') {
    const names = new Set<string>();
    form.instances.forEach((instance, i) => {
      const dataplane = gatewayDataplaneFromForm(instance, form, ctx.mesh);
      resources.dataplanes.push(dataplane);
      const instanceField = (path: string) => gatewayInstanceField(path, i);
      errors.push(
        ...issuesFromViolations(serverVerdict('Dataplane', dataplane, ctx, true), instanceField),
      );
      if (names.has(instance.name))
        errors.push(error(`instances.${i}.name`, MSG_DUPLICATE_INSTANCE));
      names.add(instance.name);
    });
  } else if (form.kubernetes.enabled) {
    const instance = meshGatewayInstanceFromForm(form.kubernetes, form.name, ctx.mesh);
    resources.instance = instance;
    const toInstanceField = (path: string, message: string) =>
      meshGatewayInstanceField(path, message, form);
    errors.push(
      ...issuesFromViolations(
        validateMeshGatewayInstance(instance, vctx, {
          controlPlaneMode: ctx.mode,
          product: /kong mesh/i.test(ctx.product) ? 'Kong Mesh' : 'Kuma',
        }),
        toInstanceField,
      ),
      ...duplicateTagRows('kubernetes.tags', form.kubernetes.tags),
      ...wholeNumber('kubernetes.replicas', form.kubernetes.replicas),
    );
    warnings.push(
      ...issuesFromViolations(
        meshGatewayInstanceRuntimeWarnings(instance, gateway, vctx),
        toInstanceField,
        'warning',
      ),
    );
  }
  return { resources, errors, warnings };
}

/**
 * The three things a cross-mesh listener needs (§3), for the checklist beside the toggle. No rule
 * is restated here: the gateway is validated as if listener `index` were cross-mesh, and an item
 * is met when Kuma's validators (G4, G17, G23) and runtime checks (TCP/TLS, mTLS) report nothing
 * on the fields it is about.
 */
export function crossMeshRequirements(
  form: MeshGatewayForm,
  index: number,
  ctx: FormContext,
): { label: string; met: boolean | undefined }[] {
  const crossMesh: MeshGatewayForm = {
    ...form,
    listeners: form.listeners.map((listener, i) =>
      i === index ? { ...listener, crossMesh: true } : listener,
    ),
  };
  const gateway = meshGatewayFromForm(crossMesh, { mesh: ctx.mesh });
  const fields = [
    ...validateMeshGateway(gateway, validationContext(ctx)),
    ...meshGatewayRuntimeWarnings(gateway, ctx.meshResource),
  ].map((violation) => violation.field);
  const listener = rootedAt('conf').field('listeners').index(index);
  const protocol = String(listener.field('protocol'));
  const tls = String(listener.field('tls'));
  const mtls = String(listener.field('crossMesh'));
  const selectors = String(rootedAt('selectors'));
  const clean = (concerns: (field: string) => boolean) => !fields.some(concerns);
  return [
    {
      label: 'an HTTP listener without TLS (HTTPS, TCP and TLS are not supported)',
      met: clean((field) => field === protocol || field === tls || field.startsWith(`${tls}.`)),
    },
    {
      label: 'exactly one selector on this MeshGateway',
      // "must have at least one element" on `selectors`; "at most one selector" on `selectors[i]`.
      met: clean((field) => field === selectors || /^selectors\[\d+\]$/.test(field)),
    },
    {
      label: `mTLS enabled in mesh ${ctx.mesh} (and in every mesh that calls it)`,
      met: ctx.meshResource ? clean((field) => field === mtls) : undefined,
    },
  ];
}

// ------------------------------------------------------------------ routes

function backendIssues(base: string, backends: readonly BackendForm[]): FormIssue[] {
  return backends.flatMap((backend, k) => [
    ...(backend.ref === 'MeshService' && backend.port.trim() === ''
      ? [error(`${base}.${k}.port`, MSG_PORT_FOR_RESOURCE)]
      : wholeNumber(`${base}.${k}.port`, backend.port)),
    ...wholeNumber(`${base}.${k}.weight`, backend.weight),
  ]);
}

export function checkHttpRouteForm(
  form: HttpRouteForm,
  ctx: FormContext,
  meta: RouteMeta,
  options: { isNew: boolean },
): FormCheck<{ route: MeshHTTPRoute }> {
  const route = httpRouteFromForm(form, meta);
  const toField = (path: string, message: string) => httpRouteField(path, message, form);
  const errors: FormIssue[] = [
    ...issuesFromViolations(serverVerdict('MeshHTTPRoute', route, ctx, options.isNew), toField),
    ...duplicateTagRows('targetTags', form.targetTags),
  ];
  form.entries.forEach((entry, t) => {
    entry.hostnames.forEach((hostname, h) => {
      if (hostname.value.trim() === '') {
        errors.push(error(`entries.${t}.hostnames.${h}.value`, MSG_EMPTY_HOSTNAME));
      }
    });
    entry.rules.forEach((rule, r) => {
      errors.push(...backendIssues(`entries.${t}.rules.${r}.backends`, rule.backends));
    });
  });
  // kuma-cp accepts any regex; one RE2 cannot compile only breaks the proxies' configuration.
  // Likewise a route hostname a listener could not have: stored, but it matches no request.
  const warnings = issuesFromViolations(
    [...meshHttpRouteRegexWarnings(route), ...meshHttpRouteHostnameWarnings(route)],
    toField,
    'warning',
  );
  return { resources: { route }, errors, warnings };
}

export function checkTcpRouteForm(
  form: TcpRouteForm,
  ctx: FormContext,
  meta: RouteMeta,
  options: { isNew: boolean },
): FormCheck<{ route: MeshTCPRoute }> {
  const route = tcpRouteFromForm(form, meta);
  const toField = (path: string, message: string) => tcpRouteField(path, message, form);
  const errors: FormIssue[] = [
    ...issuesFromViolations(serverVerdict('MeshTCPRoute', route, ctx, options.isNew), toField),
    ...duplicateTagRows('targetTags', form.targetTags),
    ...backendIssues('backends', form.backends),
  ];
  return { resources: { route }, errors, warnings: [] };
}

// ------------------------------------------------------------------ delegated gateway

export function checkDelegatedForm(
  form: DelegatedForm,
  ctx: FormContext,
  options: { isNew: boolean; labels?: Record<string, string> },
): FormCheck<{ dataplane: Dataplane }> {
  const dataplane = delegatedDataplaneFromForm(form, { mesh: ctx.mesh, labels: options.labels });
  const toField = (path: string, message: string) => delegatedField(path, message, form);
  const errors: FormIssue[] = [
    ...issuesFromViolations(serverVerdict('Dataplane', dataplane, ctx, options.isNew), toField),
    ...duplicateTagRows('tags', form.tags),
  ];
  form.outbounds.forEach((outbound, i) => {
    errors.push(...wholeNumber(`outbounds.${i}.port`, outbound.port));
    if (outbound.target === 'MeshService') {
      errors.push(...wholeNumber(`outbounds.${i}.targetPort`, outbound.targetPort));
    }
  });
  form.tags.forEach((row, j) => {
    if (row.key === 'kuma.io/service') {
      errors.push(error(`tags.${j}.key`, 'set the service in the Service field above'));
    }
  });
  return { resources: { dataplane }, errors, warnings: [] };
}
