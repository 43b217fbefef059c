/**
 * Each form's checks, run on every change: convert the form to the resources it stands for, run
 * Kuma's own validators on them (`src/kuma/validation`, shared with the demo control plane), and
 * map the violations to form fields. Runtime-only checks (§4.6) come back as warnings.
 *
 * The few checks written here are not Kuma rules: they guard what a text field can hold (a
 * number, a tag name typed twice) and the schema constraints the API applies before Kuma's
 * validators (header-name pattern, non-empty strings), with the schema validator's wording.
 */

import type { Dataplane, MeshGateway, MeshHTTPRoute, MeshTCPRoute } from '../../kuma/types';
import {
  isMtlsEnabled,
  meshGatewayRuntimeWarnings,
  type ValidationContext,
  type Violation,
  validateDataplane,
  validateMeshGateway,
  validateMeshGatewayInstance,
  validateMeshHTTPRoute,
  validateMeshTCPRoute,
  validateResourceName,
} from '../../kuma/validation';
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
  meshGatewayInstanceServiceTag,
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

/** The header-name pattern of the MeshHTTPRoute schema (RFC 7230 token, lower case). */
export const HEADER_NAME_PATTERN = "^[a-z0-9!#$%&'*+\\-.^_\\x60|~]+$";
const HEADER_NAME_RE = /^[a-z0-9!#$%&'*+\-.^_`|~]+$/;

export function schemaMinLengthMessage(path: string, value: string): string {
  return `Invalid value: ${JSON.stringify(value)}: ${path} in body should be at least 1 chars long`;
}

export function schemaPatternMessage(path: string, value: string, pattern: string): string {
  return `Invalid value: ${JSON.stringify(value)}: ${path} in body should match '${pattern}'`;
}

export interface FormCheck<Resources> {
  resources: Resources;
  errors: FormIssue[];
  warnings: FormIssue[];
}

function validationContext(ctx: FormContext): ValidationContext {
  return { version: ctx.version, environment: ctx.environment };
}

function error(field: string, message: string): FormIssue {
  return { field, message, severity: 'error' };
}

function warning(field: string, message: string): FormIssue {
  return { field, message, severity: 'warning' };
}

/** A tag name typed in two rows: the map keeps the first, so every later row is flagged. */
function duplicateTagRows(base: string, rows: readonly TagRow[]): FormIssue[] {
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

function nameIssues(name: string, isNew: boolean, field = 'name'): Violation[] {
  // Kuma checks the name of a new resource only; a stored one keeps the name it has.
  return isNew ? validateResourceName(name).map((violation) => ({ ...violation, field })) : [];
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
    ...issuesFromViolations(nameIssues(form.name, options.isNew), toField),
    ...issuesFromViolations(validateMeshGateway(gateway, vctx), toField),
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
        ...issuesFromViolations(validateResourceName(instance.name), instanceField),
        ...issuesFromViolations(validateDataplane(dataplane, vctx), instanceField),
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
    warnings.push(...meshGatewayInstanceWarnings(form, ctx, gateway));
  }
  return { resources, errors, warnings };
}

const NODE_PORT_RANGE = [30000, 32767] as const;

/** What a MeshGatewayInstance would do that the webhook does not reject (§1.3). */
function meshGatewayInstanceWarnings(
  form: MeshGatewayForm,
  ctx: FormContext,
  gateway: MeshGateway,
): FormIssue[] {
  const warnings: FormIssue[] = [];
  const service = meshGatewayInstanceServiceTag(
    ctx.version,
    form.name,
    form.kubernetes.namespace,
    form.kubernetes.tags,
  );
  const matched = (gateway.selectors ?? []).some((selector) => {
    const match = selector.match ?? {};
    const wanted = match['kuma.io/service'];
    return wanted !== undefined && (wanted === '*' || wanted === service);
  });
  if (service && !matched) {
    warnings.push(
      warning(
        'kubernetes',
        `no selector of this MeshGateway matches kuma.io/service: ${service}, the service of the instance's Dataplanes: the control plane creates no Deployment or Service until one does (condition NoGatewayMatched)`,
      ),
    );
  }
  if (form.kubernetes.serviceType === 'NodePort') {
    const outside = (gateway.conf?.listeners ?? [])
      .map((listener) => listener.port ?? 0)
      .filter((port) => port < NODE_PORT_RANGE[0] || port > NODE_PORT_RANGE[1]);
    if (outside.length > 0) {
      warnings.push(
        warning(
          'kubernetes.serviceType',
          `with NodePort each listener port becomes the Service's nodePort: ${[...new Set(outside)].join(', ')} ${outside.length === 1 ? 'is' : 'are'} outside the default NodePort range ${NODE_PORT_RANGE[0]}–${NODE_PORT_RANGE[1]}`,
        ),
      );
    }
  }
  return warnings;
}

/** The three things a cross-mesh listener needs (§3), for the checklist beside the toggle. */
export function crossMeshRequirements(
  form: MeshGatewayForm,
  index: number,
  ctx: FormContext,
): { label: string; met: boolean | undefined }[] {
  const listener = form.listeners[index];
  return [
    {
      label: 'an HTTP listener without TLS (HTTPS, TCP and TLS are not supported)',
      met: listener?.protocol === 'HTTP',
    },
    {
      label: 'exactly one selector on this MeshGateway',
      met: form.selectors.length === 1,
    },
    {
      label: `mTLS enabled in mesh ${ctx.mesh} (and in every mesh that calls it)`,
      met: ctx.meshResource ? isMtlsEnabled(ctx.meshResource) : undefined,
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
    ...issuesFromViolations(nameIssues(form.name, options.isNew), toField),
    ...issuesFromViolations(validateMeshHTTPRoute(route, validationContext(ctx)), toField),
    ...duplicateTagRows('targetTags', form.targetTags),
  ];
  form.entries.forEach((entry, t) => {
    entry.hostnames.forEach((hostname, h) => {
      if (hostname.value.trim() === '') {
        errors.push(error(`entries.${t}.hostnames.${h}.value`, MSG_EMPTY_HOSTNAME));
      }
    });
    entry.rules.forEach((rule, r) => {
      const rulePath = `spec.to[${t}].rules[${r}]`;
      const ruleField = `entries.${t}.rules.${r}`;
      rule.matches.forEach((match, m) => {
        const matchPath = `${rulePath}.matches[${m}]`;
        const matchField = `${ruleField}.matches.${m}`;
        if (match.pathType === 'RegularExpression' && match.pathValue === '') {
          errors.push(
            error(`${matchField}.pathValue`, schemaMinLengthMessage(`${matchPath}.path.value`, '')),
          );
        }
        match.headers.forEach((header, n) => {
          const path = `${matchPath}.headers[${n}].name`;
          const field = `${matchField}.headers.${n}.name`;
          if (header.name === '') errors.push(error(field, schemaMinLengthMessage(path, '')));
          else if (!HEADER_NAME_RE.test(header.name)) {
            errors.push(error(field, schemaPatternMessage(path, header.name, HEADER_NAME_PATTERN)));
          }
        });
        match.queryParams.forEach((param, n) => {
          if (param.name === '') {
            errors.push(
              error(
                `${matchField}.queryParams.${n}.name`,
                schemaMinLengthMessage(`${matchPath}.queryParams[${n}].name`, ''),
              ),
            );
          }
        });
      });
      errors.push(...backendIssues(`${ruleField}.backends`, rule.backends));
    });
  });
  return { resources: { route }, errors, warnings: [] };
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
    ...issuesFromViolations(nameIssues(form.name, options.isNew), toField),
    ...issuesFromViolations(validateMeshTCPRoute(route, validationContext(ctx)), toField),
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
    ...issuesFromViolations(nameIssues(form.name, options.isNew), toField),
    ...issuesFromViolations(validateDataplane(dataplane, validationContext(ctx)), toField),
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
