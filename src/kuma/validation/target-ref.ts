/**
 * `ValidateTargetRef` from `pkg/core/resources/apis/mesh/validators.go`, shared by every
 * new-style policy (top-level `targetRef`, `to[].targetRef`, `from[].targetRef`, `backendRefs`).
 * Covers R2–R6 and R10–R12.
 */
import {
  atLeast,
  mustBeSetForKindMessage,
  mustNotBeSetForKindMessage,
  notSupportedMessage,
  type ValidationContext,
} from './context';
import { asRecord, asString, isSet } from './guards';
import { validateSelectorTags, validateTagValues } from './tags';
import type { PathBuilder, ViolationList } from './violations';

export const MSG_REF_NAME_CHARS =
  "invalid characters: must consist of lower case alphanumeric characters, '-', '.' and '_'.";

const NAME_CHARS_RE = /^[0-9a-z.\-_]*$/;

export interface TargetRefRules {
  /** Kinds this position accepts; anything else is R6/R10 `value is not supported`. */
  supportedKinds: readonly string[];
  /** Routes may narrow a MeshGateway target to listeners by `tags`. */
  gatewayListenerTagsAllowed?: boolean;
  /** Names exempt from the character rule (`kuma.io/unresolved-backend` in HTTP backendRefs). */
  allowedInvalidNames?: readonly string[];
  /** Inbound policies (MeshTrafficPermission) may use `sectionName` with kind Dataplane. */
  isInboundPolicy?: boolean;
}

/** Kind of a reference as Kuma reads it (`""` when missing). */
export function refKind(ref: unknown): string {
  return asString(asRecord(ref)?.kind);
}

/**
 * Validates one reference. Violations are nested under `path` (e.g. `spec.targetRef`), so a
 * missing name reads `spec.targetRef.name: must be set with kind MeshGateway`.
 */
export function validateTargetRef(
  out: ViolationList,
  path: PathBuilder,
  raw: unknown,
  rules: TargetRefRules,
  ctx: ValidationContext,
): void {
  const ref = asRecord(raw) ?? {};
  const kind = asString(ref.kind);
  if (kind === '') {
    out.add(path.field('kind'), 'must be defined');
    return;
  }
  if (!rules.supportedKinds.includes(kind)) {
    out.add(path.field('kind'), notSupportedMessage(kind, ctx));
    return;
  }

  const name = asString(ref.name);
  const namespace = asString(ref.namespace);
  const hasLabels = isSet(ref.labels);

  const disallow = (field: string) => {
    if (isSet(ref[field])) {
      out.add(path.field(field), mustNotBeSetForKindMessage(kind));
    }
  };
  const validateName = () => {
    if (!rules.allowedInvalidNames?.includes(name) && !NAME_CHARS_RE.test(name)) {
      out.add(path.field('name'), MSG_REF_NAME_CHARS);
    }
  };
  const requireName = () => {
    if (name === '') {
      out.add(path.field('name'), mustBeSetForKindMessage(kind, ctx));
    }
  };
  // Kinds that select either by name or by labels. 2.14 reports the pair at the reference itself.
  const requireNameOrLabels = () => {
    if (hasLabels || name !== '') {
      return;
    }
    if (atLeast(ctx, 2, 14)) {
      out.add(path, `name or labels ${mustBeSetForKindMessage(kind, ctx)}`);
    } else {
      requireName();
    }
  };

  // From 2.10 an explicitly empty proxyTypes list is refused for the kinds that take one.
  const checkProxyTypes = () => {
    if (atLeast(ctx, 2, 10) && Array.isArray(ref.proxyTypes) && ref.proxyTypes.length === 0) {
      out.add(path.field('proxyTypes'), 'must be undefined or have at least one element');
    }
  };

  switch (kind) {
    case 'Mesh':
      if (name !== '') {
        out.add(path.field('name'), `using name with kind ${kind} is not yet supported`);
      }
      disallow('mesh');
      disallow('tags');
      disallow('labels');
      disallow('namespace');
      disallow('sectionName');
      checkProxyTypes();
      break;
    case 'Dataplane':
      disallow('tags');
      disallow('mesh');
      disallow('proxyTypes');
      if (hasLabels && (name !== '' || namespace !== '')) {
        out.add(path.field('labels'), 'either labels or name and namespace must be specified');
      }
      if (!rules.isInboundPolicy && asString(ref.sectionName) !== '') {
        out.add(path.field('sectionName'), 'can only be used with inbound policies');
      }
      break;
    case 'MeshSubset':
      disallow('name');
      disallow('mesh');
      validateTagValues(out, path.field('tags'), ref.tags);
      disallow('labels');
      disallow('namespace');
      disallow('sectionName');
      checkProxyTypes();
      break;
    case 'MeshService':
    case 'MeshHTTPRoute':
      validateName();
      disallow('mesh');
      disallow('tags');
      disallow('proxyTypes');
      // 2.11 split MeshHTTPRoute from MeshService: a route has no sections.
      if (kind === 'MeshHTTPRoute' && atLeast(ctx, 2, 11)) disallow('sectionName');
      requireNameOrLabels();
      if (hasLabels && (name !== '' || namespace !== '')) {
        out.add(path.field('labels'), 'either labels or name and namespace must be specified');
      }
      // Only 2.8 and 2.9 refused a section of services picked by labels.
      if (hasLabels && asString(ref.sectionName) !== '' && !atLeast(ctx, 2, 10)) {
        out.add(path.field('sectionName'), 'sectionName should not be combined with labels');
      }
      break;
    case 'MeshServiceSubset':
    case 'MeshGateway':
      requireName();
      validateName();
      disallow('mesh');
      disallow('proxyTypes');
      // R5: before 2.10 these tags followed the stricter tag rules (no "/" and no "*").
      if (atLeast(ctx, 2, 10)) {
        validateSelectorTags(out, path.field('tags'), ref.tags);
      } else {
        validateTagValues(out, path.field('tags'), ref.tags);
      }
      if (kind === 'MeshGateway' && isSet(ref.tags) && !rules.gatewayListenerTagsAllowed) {
        disallow('tags');
      }
      disallow('labels');
      disallow('namespace');
      disallow('sectionName');
      break;
    case 'MeshExternalService':
      validateName();
      disallow('mesh');
      disallow('tags');
      disallow('proxyTypes');
      requireNameOrLabels();
      if (hasLabels && (name !== '' || namespace !== '')) {
        out.add(path.field('labels'), 'either labels or name must be specified');
      }
      disallow('sectionName');
      break;
  }
}
