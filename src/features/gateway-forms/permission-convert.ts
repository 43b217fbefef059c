/**
 * MeshTrafficPermission form ⇄ resource, and the form a "Fix: allow <gateway> → <service>" link
 * opens. Rows keep the resource's order, so `spec.from[i]` and `spec.rules[r].allow[m]` are the
 * form's indexes. Pure functions; Kuma's rules stay in `src/kuma/validation`.
 */
import type { Labels, MeshTrafficPermission, TargetRef, TrafficAction } from '../../kuma/types';
import { isAtLeast, type KumaVersion } from '../../kuma/version';
import type { PermissionFix } from '../../lib/fix-links';
import { extraFields, isRecord, rowsFromTags, type TagRow, tagsFromRows } from './model';

/** Top-level kinds kuma-cp takes (validator.go: Dataplane from 2.10). */
export const PERMISSION_TARGET_KINDS = [
  'Mesh',
  'MeshSubset',
  'MeshService',
  'MeshServiceSubset',
  'Dataplane',
] as const;
/** `from[].targetRef` kinds. */
export const PERMISSION_FROM_KINDS = ['Mesh', 'MeshSubset', 'MeshService', 'MeshServiceSubset'];
export const PERMISSION_ACTIONS: readonly TrafficAction[] = [
  'Allow',
  'Deny',
  'AllowWithShadowDeny',
];
export const MATCH_LISTS = ['allow', 'allowWithShadowDeny', 'deny'] as const;
export type MatchList = (typeof MATCH_LISTS)[number];

/**
 * One targetRef. `kind` '' stands for no targetRef at all (2.9+ reads it as Mesh). Which fields
 * are written depends on the kind (`fieldsOfKind`); the others stay in the form, unsent.
 */
export interface TargetRefForm {
  kind: string;
  name: string;
  namespace: string;
  sectionName: string;
  /** `tags` of MeshSubset / MeshServiceSubset. */
  tags: TagRow[];
  /** `labels` of MeshService / Dataplane. */
  labels: TagRow[];
  /** Fields the form does not show (`proxyTypes`, `mesh`, …), kept as stored. */
  extra?: Record<string, unknown>;
}

export interface FromForm {
  target: TargetRefForm;
  action: '' | TrafficAction;
  /** `default` fields other than `action`, kept as stored. */
  extra?: Record<string, unknown>;
}

/** A SPIFFE ID and/or SNI match of `rules[].default.<list>[]` (2.12+). '' type: not set. */
export interface MatchForm {
  spiffeType: '' | 'Exact' | 'Prefix';
  spiffeValue: string;
  sniType: string;
  sniValue: string;
}

export type RuleForm = Record<MatchList, MatchForm[]>;

export interface PermissionForm {
  name: string;
  target: TargetRefForm;
  /** `from[]` (every release) or `rules[]` (2.12+): kuma-cp refuses both at once. */
  mode: 'from' | 'rules';
  from: FromForm[];
  rules: RuleForm[];
}

export interface PermissionMeta {
  mesh: string;
  labels?: Labels;
  /** Top-level spec fields of a stored policy the form does not show. */
  specExtra?: Record<string, unknown>;
}

type TargetField = 'name' | 'namespace' | 'sectionName' | 'tags' | 'labels';

/** The targetRef fields each kind uses (target-ref.go: the others are refused for that kind). */
export function fieldsOfKind(kind: string): readonly TargetField[] {
  switch (kind) {
    case 'MeshSubset':
      return ['tags'];
    case 'MeshService':
      return ['name', 'namespace', 'sectionName', 'labels'];
    case 'MeshServiceSubset':
      return ['name', 'tags'];
    case 'Dataplane':
      return ['name', 'namespace', 'sectionName', 'labels'];
    case 'Mesh':
    case '':
      return [];
    // A kind the form does not offer (kept from a stored policy): every field, so none is lost.
    default:
      return ['name', 'namespace', 'sectionName', 'tags', 'labels'];
  }
}

export function permissionTargetKinds(version: KumaVersion): string[] {
  return PERMISSION_TARGET_KINDS.filter(
    (kind) => kind !== 'Dataplane' || isAtLeast(version, 2, 10),
  );
}

/** `rules[]` exists from 2.12 (validator.go; before, the field is unknown to kuma-cp). */
export function supportsRules(version: KumaVersion): boolean {
  return isAtLeast(version, 2, 12);
}

/** A missing top-level targetRef is allowed from 2.9 (pointer in 2.14's spec; 2.6's is required). */
export function targetRefOptional(version: KumaVersion): boolean {
  return isAtLeast(version, 2, 9);
}

export function emptyTargetRef(kind = 'Mesh'): TargetRefForm {
  return { kind, name: '', namespace: '', sectionName: '', tags: [], labels: [] };
}

export function emptyFrom(action: '' | TrafficAction = 'Allow'): FromForm {
  return { target: emptyTargetRef('MeshSubset'), action };
}

export function emptyMatch(): MatchForm {
  return { spiffeType: 'Exact', spiffeValue: '', sniType: '', sniValue: '' };
}

export function emptyRule(): RuleForm {
  return { allow: [emptyMatch()], allowWithShadowDeny: [], deny: [] };
}

export function emptyPermissionForm(): PermissionForm {
  return {
    name: '',
    target: emptyTargetRef('Mesh'),
    mode: 'from',
    from: [{ target: { ...emptyTargetRef('MeshSubset'), tags: [] }, action: 'Allow' }],
    rules: [],
  };
}

const TARGET_KNOWN = ['kind', 'name', 'namespace', 'sectionName', 'tags', 'labels'];

export function targetRefFromForm(form: TargetRefForm): TargetRef | undefined {
  if (form.kind === '') return undefined;
  const ref: TargetRef = { ...(form.extra ?? {}), kind: form.kind };
  const fields = fieldsOfKind(form.kind);
  if (fields.includes('name') && form.name !== '') ref.name = form.name;
  if (fields.includes('namespace') && form.namespace !== '') ref.namespace = form.namespace;
  if (fields.includes('sectionName') && form.sectionName !== '') ref.sectionName = form.sectionName;
  if (fields.includes('tags') && form.tags.length > 0) ref.tags = tagsFromRows(form.tags);
  if (fields.includes('labels') && form.labels.length > 0) ref.labels = tagsFromRows(form.labels);
  return ref;
}

export function targetRefToForm(ref: TargetRef | undefined): TargetRefForm {
  if (!ref) return emptyTargetRef('');
  const extra = extraFields(ref as unknown as Record<string, unknown>, TARGET_KNOWN);
  return {
    kind: ref.kind ?? '',
    name: ref.name ?? '',
    namespace: ref.namespace ?? '',
    sectionName: ref.sectionName ?? '',
    tags: rowsFromTags(ref.tags),
    labels: rowsFromTags(ref.labels),
    ...(extra ? { extra } : {}),
  };
}

interface TypedValue {
  type?: string;
  value?: string;
}

function matchFromForm(form: MatchForm): Record<string, TypedValue> {
  const match: Record<string, TypedValue> = {};
  if (form.spiffeType !== '' || form.spiffeValue !== '') {
    match.spiffeID = { type: form.spiffeType, value: form.spiffeValue };
  }
  if (form.sniType !== '' || form.sniValue !== '') {
    match.sni = { type: form.sniType || 'Exact', value: form.sniValue };
  }
  return match;
}

function matchToForm(raw: unknown): MatchForm {
  const match = isRecord(raw) ? raw : {};
  const spiffe = isRecord(match.spiffeID) ? (match.spiffeID as TypedValue) : undefined;
  const sni = isRecord(match.sni) ? (match.sni as TypedValue) : undefined;
  return {
    spiffeType: (spiffe ? (spiffe.type ?? '') : '') as MatchForm['spiffeType'],
    spiffeValue: spiffe?.value ?? '',
    sniType: sni?.type ?? '',
    sniValue: sni?.value ?? '',
  };
}

export function permissionFromForm(
  form: PermissionForm,
  meta: PermissionMeta,
): MeshTrafficPermission {
  const targetRef = targetRefFromForm(form.target);
  const spec: Record<string, unknown> = { ...(meta.specExtra ?? {}) };
  if (targetRef) spec.targetRef = targetRef;
  if (form.mode === 'from') {
    spec.from = form.from.map((entry) => ({
      targetRef: targetRefFromForm(entry.target) ?? { kind: '' },
      default: {
        ...(entry.extra ?? {}),
        ...(entry.action !== '' ? { action: entry.action } : {}),
      },
    }));
  } else {
    spec.rules = form.rules.map((rule) => {
      const conf: Record<string, unknown> = {};
      for (const list of MATCH_LISTS) {
        if (rule[list].length > 0) conf[list] = rule[list].map(matchFromForm);
      }
      return { default: conf };
    });
  }
  return {
    type: 'MeshTrafficPermission',
    mesh: meta.mesh,
    name: form.name,
    ...(meta.labels && Object.keys(meta.labels).length > 0 ? { labels: meta.labels } : {}),
    spec: spec as MeshTrafficPermission['spec'],
  };
}

export function permissionToForm(policy: MeshTrafficPermission): PermissionForm {
  const spec = (policy.spec ?? {}) as Record<string, unknown>;
  const from = Array.isArray(spec.from) ? spec.from : [];
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  return {
    name: policy.name,
    target: targetRefToForm(policy.spec?.targetRef),
    // A stored policy with both (refused by kuma-cp since 2.12) opens on its from[].
    mode: rules.length > 0 && from.length === 0 ? 'rules' : 'from',
    from: from.map((raw) => {
      const item = isRecord(raw) ? raw : {};
      const conf = isRecord(item.default) ? item.default : {};
      const extra = extraFields(conf, ['action']);
      return {
        target: targetRefToForm(
          isRecord(item.targetRef) ? (item.targetRef as unknown as TargetRef) : undefined,
        ),
        action: (typeof conf.action === 'string' ? conf.action : '') as FromForm['action'],
        ...(extra ? { extra } : {}),
      };
    }),
    rules: rules.map((raw) => {
      const conf = isRecord(raw) && isRecord(raw.default) ? raw.default : {};
      const lists = Object.fromEntries(
        MATCH_LISTS.map((list) => [
          list,
          (Array.isArray(conf[list]) ? (conf[list] as unknown[]) : []).map(matchToForm),
        ]),
      );
      return lists as RuleForm;
    }),
  };
}

/** Spec fields other than targetRef, from and rules: kept when a stored policy is edited. */
export function specExtraOf(policy: MeshTrafficPermission): Record<string, unknown> | undefined {
  return extraFields(policy.spec as Record<string, unknown>, ['targetRef', 'from', 'rules']);
}

// ------------------------------------------------------------------ the fix a finding offers

/**
 * What a "Fix: allow <gateway> → <service>" link carries: the destination (a `kuma.io/service`
 * value or a MeshService name: top-level MeshService selects either, and being more specific
 * than Mesh and MeshSubset it wins over the policies that deny today) and the caller's
 * `kuma.io/service`, the identity its certificate carries.
 */
const NAME_MAX = 253;

/** A DNS-1123 name built from the two ends: `allow-<source>-to-<service>`, both ends kept. */
export function fixPolicyName(fix: Pick<PermissionFix, 'source' | 'service'>): string {
  const clean = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-|-$/g, '');
  let source = clean(fix.source) || 'gateway';
  let service = clean(fix.service) || 'service';
  // Too long: each end gets at least half of the room, the shorter one all it needs.
  const room = NAME_MAX - 'allow--to-'.length;
  if (source.length + service.length > room) {
    const half = Math.floor(room / 2);
    if (source.length <= half) service = service.slice(0, room - source.length);
    else if (service.length <= half) source = source.slice(0, room - service.length);
    else {
      source = source.slice(0, half);
      service = service.slice(0, room - half);
    }
  }
  const trim = (part: string) => part.replace(/-+$/, '');
  return `allow-${trim(source)}-to-${trim(service)}`;
}

/** The new-policy form a fix link opens. */
export function permissionFormForFix(fix: PermissionFix): PermissionForm {
  return {
    name: fixPolicyName(fix),
    target: { ...emptyTargetRef('MeshService'), name: fix.service },
    mode: 'from',
    from: [
      {
        target: {
          ...emptyTargetRef('MeshSubset'),
          tags: [{ key: 'kuma.io/service', value: fix.source }],
        },
        action: 'Allow',
      },
    ],
    rules: [],
  };
}
