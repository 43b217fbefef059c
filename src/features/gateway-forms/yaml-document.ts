/**
 * The YAML mode's model: YAML text (Universal or Kubernetes form, one or more `---` documents) →
 * the REST resources the API takes, each checked with the same verdict the forms predict
 * (`predictPut`: Kuma's schema and validators, then the request checks) plus the runtime warnings
 * the forms show, and every message placed on the line of the field it names.
 *
 * Lines come from the `yaml` library's document tree and `LineCounter`: a Kuma field path
 * (`spec.to[0].rules[0].default.backendRefs[0].port`) is walked through the document (under
 * `spec` in Kubernetes form, `metadata.name` for the name, the `kuma.io/mesh` label for the mesh)
 * to the deepest node that exists; a key's line is the line of its `key:`.
 */
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  type Document as YamlDocument,
} from 'yaml';
import { resourceTypesFor } from '../../kuma/resource-types';
import type { MeshGateway, MeshHTTPRoute } from '../../kuma/types';
import {
  type AdmittedKind,
  isAdmittedKind,
  meshGatewayRuntimeWarnings,
  predictPut,
  type Violation,
} from '../../kuma/validation';
import { meshHttpRouteRegexWarnings } from '../../traffic/route-regex-warnings';
import { type PathSegment, parseKumaPath } from './field-paths';
import type { FormContext } from './model';
import { missingSecretWarnings } from './secret-check';

export type YamlFlavour = 'universal' | 'kubernetes';

export interface YamlIssue {
  /** 1-based line in the whole text; undefined only for an empty text. */
  line?: number;
  severity: 'error' | 'warning';
  message: string;
  /** Kuma's field path, when the message is a validator's. */
  kumaPath?: string;
}

export interface YamlResource {
  /** The REST (Universal) form the API takes. */
  resource: Record<string, unknown> & { type: string; name: string; mesh?: string };
  flavour: YamlFlavour;
  /** Index of the `---` document it came from. */
  document: number;
  /** The line a Kuma field path of this resource points at. */
  lineOf(kumaPath: string): number;
}

export interface ParsedYaml {
  resources: YamlResource[];
  /** YAML syntax and shape errors (not Kuma's): nothing is checked further while there are any. */
  issues: YamlIssue[];
}

const KUMA_API_VERSION = 'kuma.io/v1alpha1';
const MESH_LABEL = 'kuma.io/mesh';

/** Kinds that keep their fields at the top level in Universal form (no `spec`). */
const LEGACY_KINDS = new Set(['MeshGateway', 'Dataplane', 'Mesh']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The line (1-based) of the key or item at `path` in `document`, or of the deepest that exists. */
function lineAt(
  document: YamlDocument.Parsed,
  path: readonly (string | number)[],
  counter: LineCounter,
): number {
  const lineOfOffset = (offset: number) => counter.linePos(offset).line;
  let node: unknown = document.contents;
  let line = lineOfOffset((document.contents as Node | null)?.range?.[0] ?? 0);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (candidate) => isScalar(candidate.key) && String(candidate.key.value) === String(segment),
      );
      if (!pair) break;
      const key = pair.key as Node;
      if (key.range) line = lineOfOffset(key.range[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      if (item.range) line = lineOfOffset(item.range[0]);
      node = item;
    } else break;
  }
  return line;
}

function plainSegments(segments: readonly PathSegment[]): (string | number)[] {
  return segments.map((segment) => (typeof segment === 'object' ? segment.key : segment));
}

/** Where a REST field path lives in the document as written. */
export function documentPath(
  kumaPath: string,
  flavour: YamlFlavour,
  type: string,
): (string | number)[] {
  const segments = plainSegments(parseKumaPath(kumaPath));
  if (flavour === 'universal') return segments;
  const [first, ...rest] = segments;
  if (first === 'name') return ['metadata', 'name'];
  if (first === 'labels') return ['metadata', 'labels', ...rest];
  if (first === 'mesh') {
    return LEGACY_KINDS.has(type) ? ['mesh'] : ['metadata', 'labels', MESH_LABEL];
  }
  if (first === 'type') return ['kind'];
  if (first === 'spec' || !LEGACY_KINDS.has(type))
    return ['spec', ...(first === 'spec' ? rest : segments)];
  return ['spec', ...segments];
}

/** A Kubernetes object → the REST resource kuma-cp's API takes for it. */
function fromKubernetes(
  object: Record<string, unknown>,
  fallbackMesh: string,
): YamlResource['resource'] | string {
  const kind = object.kind;
  if (typeof kind !== 'string' || kind === '') return 'kind must name a Kuma resource type';
  if (object.apiVersion !== KUMA_API_VERSION) {
    return `apiVersion must be ${KUMA_API_VERSION} (this is ${JSON.stringify(object.apiVersion ?? null)})`;
  }
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const name = metadata.name;
  const labels = isRecord(metadata.labels)
    ? { ...(metadata.labels as Record<string, string>) }
    : {};
  const spec = isRecord(object.spec) ? object.spec : undefined;
  if (LEGACY_KINDS.has(kind)) {
    const mesh = typeof object.mesh === 'string' ? object.mesh : fallbackMesh;
    delete labels[MESH_LABEL];
    return {
      type: kind,
      ...(kind === 'Mesh' ? {} : { mesh }),
      name: typeof name === 'string' ? name : '',
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      ...(spec ?? {}),
    };
  }
  const mesh = labels[MESH_LABEL] ?? fallbackMesh;
  delete labels[MESH_LABEL];
  return {
    type: kind,
    mesh,
    name: typeof name === 'string' ? name : '',
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(object.spec !== undefined ? { spec: object.spec } : {}),
  };
}

/**
 * Parses YAML text into REST resources. `mesh` fills in a Kubernetes object without the
 * `kuma.io/mesh` label (kuma-cp's webhook puts it in `default`; the form's mesh is what the user
 * is looking at, and a mismatch is reported by `checkYamlResources`).
 */
export function parseResourceYaml(text: string, mesh: string): ParsedYaml {
  const counter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: counter, uniqueKeys: true });
  const issues: YamlIssue[] = [];
  const resources: YamlResource[] = [];
  const list = Array.isArray(documents) ? documents : [documents];
  list.forEach((document, index) => {
    for (const error of document.errors) {
      issues.push({
        line: error.linePos?.[0]?.line ?? counter.linePos(error.pos[0]).line,
        severity: 'error',
        // The line is shown beside the message; the library's own "at line …" would repeat it.
        message: (error.message.split('\n')[0] ?? error.message).replace(
          / at line \d+, column \d+:?$/,
          '',
        ),
      });
    }
    if (document.errors.length > 0) return;
    const value = document.toJS({ maxAliasCount: 10 }) as unknown;
    if (value === null || value === undefined) return;
    const at = (path: (string | number)[]) => lineAt(document, path, counter);
    if (!isRecord(value)) {
      issues.push({
        line: at([]),
        severity: 'error',
        message: 'a document must be a mapping (a resource)',
      });
      return;
    }
    const flavour: YamlFlavour =
      'apiVersion' in value || 'kind' in value ? 'kubernetes' : 'universal';
    let resource: YamlResource['resource'];
    if (flavour === 'kubernetes') {
      const converted = fromKubernetes(value, mesh);
      if (typeof converted === 'string') {
        issues.push({
          line: at([converted.startsWith('apiVersion') ? 'apiVersion' : 'kind']),
          severity: 'error',
          message: converted,
        });
        return;
      }
      resource = converted;
    } else {
      if (typeof value.type !== 'string' || value.type === '') {
        issues.push({
          line: at(['type']),
          severity: 'error',
          message:
            'type must name a Kuma resource type (Universal form), or give apiVersion and kind (Kubernetes form)',
        });
        return;
      }
      resource = {
        ...value,
        type: value.type,
        name: typeof value.name === 'string' ? value.name : '',
      };
    }
    const type = resource.type;
    resources.push({
      resource,
      flavour,
      document: index,
      lineOf: (kumaPath) => at(documentPath(kumaPath, flavour, type)),
    });
  });
  return { resources, issues };
}

export interface YamlCheckOptions {
  /** The kinds this form writes; others are refused on their `kind`/`type` line. */
  kinds: readonly string[];
  ctx: FormContext;
  /** Whether writing `resource` creates it (no stored resource of that name). */
  isNew: (resource: YamlResource['resource']) => boolean;
  /** Edit mode: the one name the resource keeps. */
  storedName?: string;
  /** The mesh's secret names, when readable (MeshGateway certificates). */
  secretNames?: readonly string[];
}

/** Runtime warnings the forms show for a kind (accepted by kuma-cp, broken in the data plane). */
function runtimeWarnings(
  resource: YamlResource['resource'],
  options: YamlCheckOptions,
): Violation[] {
  if (resource.type === 'MeshGateway') {
    const gateway = resource as unknown as MeshGateway;
    return [
      ...meshGatewayRuntimeWarnings(gateway, options.ctx.meshResource),
      ...missingSecretWarnings(gateway, options.ctx.mesh, options.secretNames),
    ];
  }
  if (resource.type === 'MeshHTTPRoute') {
    return meshHttpRouteRegexWarnings(resource as unknown as MeshHTTPRoute);
  }
  return [];
}

/**
 * Every message about the parsed resources, on its line: what the form's own checks would say
 * (the kind belongs to this form, the mesh is the form's, a stored resource keeps its name), then
 * kuma-cp's verdict for the PUT, then the runtime warnings.
 */
export function checkYamlResources(parsed: ParsedYaml, options: YamlCheckOptions): YamlIssue[] {
  const issues: YamlIssue[] = [...parsed.issues];
  if (parsed.issues.length > 0) return issues;
  if (parsed.resources.length === 0) {
    issues.push({ line: 1, severity: 'error', message: 'paste or write a resource' });
    return issues;
  }
  const { ctx } = options;
  const types = resourceTypesFor(ctx.version);
  const seen = new Set<string>();
  for (const entry of parsed.resources) {
    const { resource, lineOf } = entry;
    const issue = (path: string, message: string, severity: YamlIssue['severity'] = 'error') =>
      issues.push({ line: lineOf(path), severity, message, kumaPath: path });
    if (!options.kinds.includes(resource.type)) {
      issue('type', `this form writes ${options.kinds.join(' or ')}, not ${resource.type}`);
      continue;
    }
    const type = types.find((candidate) => candidate.name === resource.type);
    if (!type || !isAdmittedKind(resource.type)) {
      issue('type', `kuma-cp ${ctx.version.raw} has no ${resource.type} resources`);
      continue;
    }
    if (resource.type !== 'Mesh' && resource.mesh !== ctx.mesh) {
      issue(
        'mesh',
        `this form writes to mesh ${ctx.mesh}, not ${String(resource.mesh ?? '(none)')}`,
      );
      continue;
    }
    if (options.storedName !== undefined && resource.name !== options.storedName) {
      issue('name', `a stored resource keeps its name: ${options.storedName}`);
      continue;
    }
    const key = `${resource.type}/${resource.name}`;
    if (seen.has(key)) {
      issue('name', `${resource.type} ${resource.name} is already written above`);
      continue;
    }
    seen.add(key);
    const verdict = predictPut(
      resource.type as AdmittedKind,
      resource,
      { type, mesh: resource.mesh, name: resource.name, creating: options.isNew(resource) },
      {
        version: ctx.version,
        environment: ctx.environment,
        mode: ctx.mode,
        federatedZone: ctx.federatedZone,
        zoneName: ctx.zoneName,
      },
    );
    if (!verdict.accepted) {
      if (verdict.violations.length === 0) issue('', verdict.detail);
      for (const violation of verdict.violations) issue(violation.field, violation.message);
      continue;
    }
    for (const warning of runtimeWarnings(resource, options)) {
      issue(warning.field, warning.message, 'warning');
    }
  }
  return issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
