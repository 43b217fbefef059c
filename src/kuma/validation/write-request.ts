/**
 * The whole verdict kuma-cp gives a PUT of a body it can parse, in its order: the body itself
 * (`admitResource`: parsing, schema, the kind's validator), then the request
 * (`validateResourceRequest`: URL and body agree, labels, the name). Each stage that fails
 * answers alone, so this is what the demo control plane answers and what a form predicts.
 */
import type { KumaResourceType } from '../resource-types';
import { isAtLeast, type KumaVersion } from '../version';
import { type AdmittedKind, admitResource } from './admission';
import { validateLabelSyntax } from './labels';
import {
  validateLegacyResourceName,
  validateMeshReference,
  validateResourceName,
} from './resource-name';
import type { Violation } from './violations';

/** The control plane a write goes to. */
export interface WriteTarget {
  version: KumaVersion;
  environment: 'universal' | 'kubernetes';
  mode: 'standalone' | 'zone' | 'global';
  federatedZone: boolean;
  /** `multizone.zone.name` (`default` unless configured). */
  zoneName: string;
}

export interface WriteRequest {
  type: KumaResourceType;
  /** From the URL (`/meshes/{mesh}/…`); absent for global-scoped types. */
  mesh?: string;
  name: string;
  /** No resource of that name exists yet. */
  creating: boolean;
}

export type PutVerdict =
  | { accepted: true; resource: Record<string, unknown> }
  | {
      accepted: false;
      title: 'Bad Request' | 'Could not process a resource';
      detail: string;
      violations: Violation[];
    };

const ORIGIN = 'kuma.io/origin';

function labelKey(key: string): string {
  return `labels[${JSON.stringify(key)}]`;
}

/** kuma-cp's `validateLabels`: origin and zone labels for where the write lands, then syntax. */
function labelViolations(
  target: WriteTarget,
  request: WriteRequest,
  resource: Record<string, unknown>,
): Violation[] {
  const labels = (resource.labels as Record<string, string> | undefined) ?? {};
  const out: Violation[] = [];
  const origin = labels[ORIGIN];
  if (origin !== undefined && origin !== 'global' && origin !== 'zone') {
    out.push({
      field: labelKey(ORIGIN),
      message: `unknown resource origin ${JSON.stringify(origin)}`,
    });
  }
  if (target.mode === 'global' && isAtLeast(target.version, 2, 10)) {
    if (origin !== undefined && origin !== 'global') {
      out.push({ field: labelKey(ORIGIN), message: "the origin label must be set to 'global'" });
    }
  }
  if (target.federatedZone && request.type.newStyle && origin !== 'zone') {
    out.push({ field: labelKey(ORIGIN), message: "the origin label must be set to 'zone'" });
  }
  if (target.mode !== 'global' && origin !== 'global' && isAtLeast(target.version, 2, 10)) {
    const zone = labels['kuma.io/zone'];
    if (zone !== undefined && zone !== target.zoneName) {
      out.push({
        field: labelKey('kuma.io/zone'),
        message: `kuma.io/zone label should have ${target.zoneName} value`,
      });
    }
    const meshLabel = labels['kuma.io/mesh'];
    if (meshLabel !== undefined && meshLabel !== ((resource.mesh as string | undefined) ?? '')) {
      out.push({
        field: labelKey('kuma.io/mesh'),
        message: 'kuma.io/mesh label must not differ from mesh set on resource',
      });
    }
  }
  out.push(...validateLabelSyntax(labels, target.version));
  return out;
}

/** kuma-cp's `validateResourceRequest`, after the body itself has passed. */
export function validateWriteRequest(
  target: WriteTarget,
  request: WriteRequest,
  resource: Record<string, unknown>,
): Violation[] {
  const out: Violation[] = [];
  const name = (resource.name as string | undefined) ?? '';
  const mesh = (resource.mesh as string | undefined) ?? '';
  if (name !== request.name) {
    out.push({ field: 'name', message: 'name from the URL has to be the same as in body' });
  }
  if (target.federatedZone && `${target.zoneName}.${request.name}`.length >= 253) {
    out.push({ field: 'name', message: 'the length of the name must be shorter' });
  }
  if (resource.type !== request.type.name) {
    out.push({ field: 'type', message: 'type from the URL has to be the same as in body' });
  }
  if (request.type.scope === 'Mesh' && mesh !== (request.mesh ?? '')) {
    out.push({ field: 'mesh', message: 'mesh from the URL has to be the same as in body' });
  }
  out.push(...labelViolations(target, request, resource));
  // 2.6 lets an update keep a name written before names were validated (2.5).
  const legacyUpdate = !request.creating && !isAtLeast(target.version, 2, 7);
  out.push(...(legacyUpdate ? validateLegacyResourceName(name) : validateResourceName(name)));
  if (request.type.scope === 'Mesh') out.push(...validateMeshReference(mesh));
  return out;
}

/** What kuma-cp answers to `PUT` of `body` (text, or a value to send) for a kind it validates. */
export function predictPut(
  kind: AdmittedKind,
  body: string | unknown,
  request: WriteRequest,
  target: WriteTarget,
): PutVerdict {
  const admission = admitResource(kind, body, {
    version: target.version,
    environment: target.environment,
  });
  if (admission.verdict === 'malformed') {
    return { accepted: false, title: 'Bad Request', detail: admission.detail, violations: [] };
  }
  const invalid = (violations: Violation[]): PutVerdict => ({
    accepted: false,
    title: 'Could not process a resource',
    detail: 'Resource is not valid',
    violations,
  });
  if (admission.verdict === 'invalid') return invalid(admission.violations);
  const problems = validateWriteRequest(target, request, admission.resource);
  return problems.length > 0 ? invalid(problems) : { accepted: true, resource: admission.resource };
}
