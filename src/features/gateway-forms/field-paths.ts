/**
 * Kuma field paths (`conf.listeners[1].tls.certificates`, `selectors[0].match["k"]`,
 * `spec.to[0].rules[0].default.backendRefs[0].port`) → the form field that shows the message
 * (`listeners.1.certificates`, `selectors.0.tags.2.value`, …). One mapping serves the rules run
 * while typing and the `invalid_parameters` a control plane returns.
 *
 * Unknown paths map to `''`: the form shows those messages in its summary, never drops them.
 */
import type { Violation } from '../../kuma/validation';
import { MSG_TAG_NAME_EMPTY } from '../../kuma/validation/tags';
import type { DelegatedForm, HttpRouteForm, MeshGatewayForm, TagRow, TcpRouteForm } from './model';

export type PathSegment = string | number | { key: string };

/** The field that holds messages about the form as a whole. */
export const FORM_ROOT = '';

/** Splits a Kuma path into fields, indexes and (unquoted) map keys. Returns [] for garbage. */
export function parseKumaPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let i = 0;
  while (i < path.length) {
    const ch = path[i];
    if (ch === '.') {
      i++;
      continue;
    }
    if (ch === '[') {
      if (path[i + 1] === '"') {
        let key = '';
        let j = i + 2;
        while (j < path.length && path[j] !== '"') {
          if (path[j] === '\\' && j + 1 < path.length) {
            const next = path[j + 1] ?? '';
            key += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
            j += 2;
          } else {
            key += path[j];
            j++;
          }
        }
        if (path[j + 1] !== ']') return [];
        segments.push({ key });
        i = j + 2;
        continue;
      }
      const end = path.indexOf(']', i);
      if (end < 0) return [];
      const index = Number(path.slice(i + 1, end));
      if (!Number.isInteger(index)) return [];
      segments.push(index);
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
    segments.push(path.slice(i, j));
    i = j;
  }
  return segments;
}

function isKey(segment: PathSegment | undefined): segment is { key: string } {
  return typeof segment === 'object' && segment !== null;
}

function isIndex(segment: PathSegment | undefined): segment is number {
  return typeof segment === 'number';
}

/**
 * A message about a tag map rendered as rows: a key's messages go to its row (`.key` for
 * "tag name …" messages, `.value` otherwise); map-level ones stay on the rows' group, except
 * "tag name must be non-empty", which goes to the row without a key.
 */
export function tagRowField(
  base: string,
  rows: readonly TagRow[],
  rest: readonly PathSegment[],
  message: string,
): string {
  const [first] = rest;
  if (first === undefined) {
    if (message === MSG_TAG_NAME_EMPTY) {
      const row = rows.findIndex((candidate) => candidate.key === '' && candidate.value !== '');
      if (row >= 0) return `${base}.${row}.key`;
    }
    return base;
  }
  if (isKey(first)) {
    const row = rows.findIndex((candidate) => candidate.key === first.key);
    if (row >= 0) return `${base}.${row}.${message.startsWith('tag name') ? 'key' : 'value'}`;
  }
  return base;
}

/** Fields every resource shares: `name`, `mesh`, anything else about the request. */
function metaField(segments: readonly PathSegment[]): string | undefined {
  const [first] = segments;
  if (segments.length === 1 && (first === 'name' || first === 'mesh')) return first;
  return undefined;
}

// ------------------------------------------------------------------ MeshGateway

const LISTENER_FIELD: Record<string, string> = {
  port: 'port',
  protocol: 'protocol',
  hostname: 'hostname',
  crossMesh: 'crossMesh',
};

export function meshGatewayField(path: string, message: string, form: MeshGatewayForm): string {
  const segments = parseKumaPath(path);
  const meta = metaField(segments);
  if (meta) return meta;
  const [first, second, third, fourth, fifth, sixth] = segments;
  if (first === 'selectors') {
    if (!isIndex(second)) return 'selectors';
    if (third !== 'match') return `selectors.${second}`;
    return tagRowField(
      `selectors.${second}.tags`,
      form.selectors[second]?.tags ?? [],
      segments.slice(3),
      message,
    );
  }
  if (first === 'tags') return tagRowField('tags', form.tags, segments.slice(1), message);
  if (first === 'conf') {
    if (second !== 'listeners') return FORM_ROOT;
    if (!isIndex(third)) return 'listeners';
    const base = `listeners.${third}`;
    if (fourth === undefined) return base;
    if (typeof fourth === 'string' && LISTENER_FIELD[fourth]) {
      return `${base}.${LISTENER_FIELD[fourth]}`;
    }
    if (fourth === 'tls') {
      if (fifth === 'certificates') {
        return isIndex(sixth) ? `${base}.certificates.${sixth}.value` : `${base}.certificates`;
      }
      return `${base}.tlsMode`;
    }
    if (fourth === 'tags') {
      return tagRowField(
        `${base}.tags`,
        form.listeners[third]?.tags ?? [],
        segments.slice(4),
        message,
      );
    }
    if (fourth === 'resources') return `${base}.connectionLimit`;
    return base;
  }
  return FORM_ROOT;
}

/** A BUILTIN gateway Dataplane registered for instance row `index`. */
export function gatewayInstanceField(path: string, index: number): string {
  const segments = parseKumaPath(path);
  const base = `instances.${index}`;
  const [first, second, third] = segments;
  if (segments.length === 1 && first === 'name') return `${base}.name`;
  if (first === 'networking' && second === 'address') return `${base}.address`;
  if (first === 'networking' && second === 'gateway' && third === 'tags') return `${base}.tags`;
  return base;
}

/** A MeshGatewayInstance's webhook (`tags…`) and schema (`spec.replicas`) paths. */
export function meshGatewayInstanceField(
  path: string,
  message: string,
  form: MeshGatewayForm,
): string {
  const segments = parseKumaPath(path);
  const [first, second] = segments;
  if (first === 'tags') {
    return tagRowField('kubernetes.tags', form.kubernetes.tags, segments.slice(1), message);
  }
  if (first === 'spec' && second === 'replicas') return 'kubernetes.replicas';
  if (first === 'spec' && second === 'serviceType') return 'kubernetes.serviceType';
  return 'kubernetes';
}

// ------------------------------------------------------------------ routes

function targetRefField(
  segments: readonly PathSegment[],
  message: string,
  targetTags: readonly TagRow[],
): string {
  // spec.targetRef.<field>
  const [, , field] = segments;
  if (field === 'tags') return tagRowField('targetTags', targetTags, segments.slice(3), message);
  return 'targetTags';
}

const BACKEND_FIELD: Record<string, string> = {
  name: 'name',
  labels: 'name',
  namespace: 'namespace',
  port: 'port',
  sectionName: 'port',
  weight: 'weight',
  kind: 'ref',
};

/** `backendRefs[k]…` below `base` (`…backends`). */
function backendField(base: string, rest: readonly PathSegment[]): string {
  const [index, field] = rest;
  if (!isIndex(index)) return base;
  if (field === undefined) return `${base}.${index}.name`;
  return typeof field === 'string' && BACKEND_FIELD[field]
    ? `${base}.${index}.${BACKEND_FIELD[field]}`
    : `${base}.${index}`;
}

const MATCH_FIELD: Record<string, string> = {
  path: 'pathValue',
  method: 'method',
};

export function httpRouteField(path: string, message: string, form: HttpRouteForm): string {
  const segments = parseKumaPath(path);
  const meta = metaField(segments);
  if (meta) return meta;
  const [first, second, t, field, r, ruleField] = segments;
  if (first !== 'spec') return FORM_ROOT;
  if (second === 'targetRef') return targetRefField(segments, message, form.targetTags);
  if (second !== 'to') return FORM_ROOT;
  if (!isIndex(t)) return 'entries';
  const entry = `entries.${t}`;
  if (field === 'hostnames')
    return isIndex(r) ? `${entry}.hostnames.${r}.value` : `${entry}.hostnames`;
  if (field !== 'rules') return entry;
  if (!isIndex(r)) return `${entry}.rules`;
  const rule = `${entry}.rules.${r}`;
  if (ruleField === 'matches') return matchField(`${rule}.matches`, segments.slice(6));
  if (ruleField === 'default' && segments[6] === 'backendRefs') {
    return backendField(`${rule}.backends`, segments.slice(7));
  }
  if (ruleField === 'default' && segments[6] === 'filters') return `${rule}.filters`;
  return rule;
}

/** `matches[m]…` below `base` (`…matches`). */
function matchField(base: string, rest: readonly PathSegment[]): string {
  const [m, field, n, leaf] = rest;
  if (!isIndex(m)) return base;
  const match = `${base}.${m}`;
  if (typeof field === 'string' && MATCH_FIELD[field]) return `${match}.${MATCH_FIELD[field]}`;
  if (field === 'headers' || field === 'queryParams') {
    if (!isIndex(n)) return `${match}.${field}`;
    return typeof leaf === 'string' && ['name', 'value', 'type'].includes(leaf)
      ? `${match}.${field}.${n}.${leaf}`
      : `${match}.${field}.${n}`;
  }
  return match;
}

export function tcpRouteField(path: string, message: string, form: TcpRouteForm): string {
  const segments = parseKumaPath(path);
  const meta = metaField(segments);
  if (meta) return meta;
  const [first, second, t, field, r, ruleField, sub] = segments;
  if (first !== 'spec') return FORM_ROOT;
  if (second === 'targetRef') return targetRefField(segments, message, form.targetTags);
  if (second === 'to' && t === 0 && field === 'rules' && r === 0 && ruleField === 'default') {
    if (sub === 'backendRefs') return backendField('backends', segments.slice(7));
  }
  return 'backends';
}

// ------------------------------------------------------------------ delegated Dataplane

export function delegatedField(path: string, message: string, form: DelegatedForm): string {
  const segments = parseKumaPath(path);
  const meta = metaField(segments);
  if (meta) return meta;
  const [first, second, third, fourth, fifth] = segments;
  if (first !== 'networking') return FORM_ROOT;
  if (second === 'address') return 'address';
  if (second === 'gateway' && third === 'tags') {
    if (fourth === undefined) return 'service';
    if (isKey(fourth) && fourth.key === 'kuma.io/service') return 'service';
    return tagRowField('tags', form.tags, segments.slice(3), message);
  }
  if (second === 'outbound') {
    if (!isIndex(third)) return 'outbounds';
    const base = `outbounds.${third}`;
    if (fourth === 'port') return `${base}.port`;
    if (fourth === 'tags') return `${base}.service`;
    if (fourth === 'backendRef') {
      if (fifth === 'port') return `${base}.targetPort`;
      if (fifth === 'namespace') return `${base}.namespace`;
      return `${base}.name`;
    }
    return base;
  }
  return FORM_ROOT;
}

// ------------------------------------------------------------------ issues

export type IssueSeverity = 'error' | 'warning';

/** A message shown on a form field. `kumaPath` is the path the rule reported, when it was Kuma's. */
export interface FormIssue {
  field: string;
  message: string;
  severity: IssueSeverity;
  kumaPath?: string;
  /** A page that helps with this message (the existing resource a name clashes with). */
  link?: { to: string; label: string };
}

export function issuesFromViolations(
  violations: readonly Violation[],
  toField: (path: string, message: string) => string,
  severity: IssueSeverity = 'error',
): FormIssue[] {
  return violations.map((violation) => ({
    field: toField(violation.field, violation.message),
    message: violation.message,
    severity,
    kumaPath: violation.field,
  }));
}
