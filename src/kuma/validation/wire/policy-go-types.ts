/**
 * The Go structs kuma-cp reads each new-style kind's `spec` into (`api/common/v1alpha1` and the
 * kind's `api/v1alpha1` package): 2.6 holds most fields by value with `omitempty`, 2.14 by
 * pointer. Releases from 2.7 on are described with the 2.14 structs (they moved to pointers
 * step by step, `TargetRef` in 2.10). Field order is struct order, which is the order kuma-cp
 * prints them in.
 */
import { isAtLeast, type KumaVersion } from '../../version';
import { type GoField, type GoType, go } from './go-struct';

const f = go.field;

/** Pointer fields with `omitempty`, the usual shape in `kuma/v2`. */
const optional = (json: string, type: GoType): GoField => f(json, go.ptr(type), true);

/** The 2.14 shapes, used from 2.7 on. */
function isV2(version: KumaVersion): boolean {
  return isAtLeast(version, 2, 7);
}

const stringMap = () => go.map(go.string());

function targetRefFields(version: KumaVersion): GoField[] {
  const kind = go.string('v1alpha1.TargetRefKind');
  const proxyTypes = go.slice(go.string('v1alpha1.TargetRefProxyType'));
  if (!isV2(version)) {
    return [
      f('kind', kind, true),
      f('name', go.string(), true),
      f('tags', stringMap(), true),
      f('mesh', go.string(), true),
      f('proxyTypes', proxyTypes, true),
    ];
  }
  return [
    f('kind', kind),
    optional('name', go.string()),
    optional('tags', stringMap()),
    optional('mesh', go.string()),
    optional('proxyTypes', proxyTypes),
    optional('namespace', go.string()),
    optional('labels', stringMap()),
    optional('sectionName', go.string()),
  ];
}

export function targetRefType(version: KumaVersion): GoType {
  return go.struct('TargetRef', targetRefFields(version));
}

/** `BackendRef` embeds `TargetRef`, so its fields are promoted and errors name `BackendRef`. */
export function backendRefType(version: KumaVersion): GoType {
  const extra = isV2(version)
    ? [optional('weight', go.uint()), optional('port', go.uint32())]
    : [optional('weight', go.uint())];
  return go.struct('BackendRef', [...go.embed('TargetRef', targetRefFields(version)), ...extra]);
}

/** A slice that 2.7+ holds behind a pointer (`*[]T`), 2.6 by value, both `omitempty`. */
function optionalSlice(version: KumaVersion, json: string, elem: GoType): GoField {
  return isV2(version) ? optional(json, go.slice(elem)) : f(json, go.slice(elem), true);
}

function headerMatch(): GoType {
  return go.struct('HeaderMatch', [
    optional('type', go.string('v1alpha1.HeaderMatchType')),
    f('name', go.string('v1alpha1.HeaderName')),
    f('value', go.string('v1alpha1.HeaderValue'), true),
  ]);
}

function httpMatch(version: KumaVersion): GoType {
  return go.struct('Match', [
    optional(
      'path',
      go.struct('PathMatch', [
        f('value', go.string()),
        f('type', go.string('v1alpha1.PathMatchType')),
      ]),
    ),
    optional('method', go.string('v1alpha1.Method')),
    optionalSlice(
      version,
      'queryParams',
      go.struct('QueryParamsMatch', [
        f('type', go.string('v1alpha1.QueryParamsMatchType')),
        f('name', go.string()),
        f('value', go.string()),
      ]),
    ),
    optionalSlice(version, 'headers', headerMatch()),
  ]);
}

function httpFilter(version: KumaVersion): GoType {
  const keyValue = go.struct('HeaderKeyValue', [
    f('name', go.string('v1alpha1.HeaderName')),
    f('value', go.string('v1alpha1.HeaderValue')),
  ]);
  const headerModifier = go.struct('HeaderModifier', [
    optionalSlice(version, 'set', keyValue),
    optionalSlice(version, 'add', keyValue),
    optionalSlice(version, 'remove', go.string()),
  ]);
  const pathRewrite = go.struct('PathRewrite', [
    f('type', go.string('v1alpha1.PathRewriteType')),
    optional('replaceFullPath', go.string()),
    optional('replacePrefixMatch', go.string()),
  ]);
  const hostname = go.string('v1alpha1.PreciseHostname');
  const redirect = go.struct('RequestRedirect', [
    optional('scheme', go.string()),
    optional('hostname', hostname),
    optional('path', pathRewrite),
    optional('port', go.int32('v1alpha1.PortNumber')),
    // 2.7+ fills the schema default (302) in, so the field is a plain int.
    isV2(version) ? f('statusCode', go.int()) : optional('statusCode', go.int()),
  ]);
  const rewrite = go.struct('URLRewrite', [
    optional('hostname', hostname),
    optional('path', pathRewrite),
    isV2(version)
      ? optional('hostToBackendHostname', go.bool())
      : f('hostToBackendHostname', go.bool(), true),
  ]);
  const mirror = go.struct('RequestMirror', [
    optional('percentage', go.intOrString()),
    f('backendRef', isV2(version) ? backendRefType(version) : targetRefType(version)),
  ]);
  return go.struct('Filter', [
    f('type', go.string('v1alpha1.FilterType')),
    optional('requestHeaderModifier', headerModifier),
    optional('responseHeaderModifier', headerModifier),
    optional('requestRedirect', redirect),
    optional('urlRewrite', rewrite),
    optional('requestMirror', mirror),
  ]);
}

export function meshHttpRouteType(version: KumaVersion): GoType {
  const rule = go.struct('Rule', [
    f('matches', go.slice(httpMatch(version))),
    f(
      'default',
      go.struct('RuleConf', [
        optional('filters', go.slice(httpFilter(version))),
        optional('backendRefs', go.slice(backendRefType(version))),
      ]),
    ),
  ]);
  if (!isV2(version)) {
    const to = go.struct('To', [
      f('hostnames', go.slice(go.string()), true),
      f('targetRef', targetRefType(version), true),
      f('rules', go.slice(rule), true),
    ]);
    return go.struct('MeshHTTPRoute', [
      f('targetRef', targetRefType(version), true),
      f('to', go.slice(to), true),
    ]);
  }
  const to = go.struct('To', [
    optional('hostnames', go.slice(go.string())),
    f('targetRef', targetRefType(version)),
    f('rules', go.slice(rule)),
  ]);
  return go.struct('MeshHTTPRoute', [
    optional('targetRef', targetRefType(version)),
    optional('to', go.slice(to)),
  ]);
}

export function meshTcpRouteType(version: KumaVersion): GoType {
  if (!isV2(version)) {
    const rule = go.struct('Rule', [
      f('default', go.struct('RuleConf', [f('backendRefs', go.slice(backendRefType(version)))])),
    ]);
    const to = go.struct('To', [
      f('targetRef', targetRefType(version)),
      f('rules', go.slice(rule), true),
    ]);
    return go.struct('MeshTCPRoute', [
      f('targetRef', targetRefType(version)),
      f('to', go.slice(to), true),
    ]);
  }
  const rule = go.struct('Rule', [
    f(
      'default',
      go.struct('RuleConf', [optional('backendRefs', go.slice(backendRefType(version)))]),
    ),
  ]);
  const to = go.struct('To', [f('targetRef', targetRefType(version)), f('rules', go.slice(rule))]);
  return go.struct('MeshTCPRoute', [
    optional('targetRef', targetRefType(version)),
    optional('to', go.slice(to)),
  ]);
}

export function meshTrafficPermissionType(version: KumaVersion): GoType {
  const action = go.string('v1alpha1.Action');
  const from = go.struct('From', [
    f('targetRef', targetRefType(version)),
    // `omitempty` has no effect on a struct: `default` is always printed.
    f(
      'default',
      go.struct('Conf', [isV2(version) ? optional('action', action) : f('action', action, true)]),
      true,
    ),
  ]);
  if (!isV2(version)) {
    return go.struct('MeshTrafficPermission', [
      f('targetRef', targetRefType(version)),
      f('from', go.slice(from), true),
    ]);
  }
  const typedValue = (name: string, typeName: string) =>
    go.struct(name, [f('type', go.string(typeName)), f('value', go.string())]);
  const match = go.struct('Match', [
    optional('spiffeID', typedValue('SpiffeIDMatch', 'v1alpha1.SpiffeIDMatchType')),
    optional('sni', typedValue('SNIMatch', 'v1alpha1.SNIMatchType')),
  ]);
  const rule = go.struct('Rule', [
    f(
      'default',
      go.struct('RuleConf', [
        optional('deny', go.slice(match)),
        optional('allowWithShadowDeny', go.slice(match)),
        optional('allow', go.slice(match)),
      ]),
    ),
  ]);
  return go.struct('MeshTrafficPermission', [
    optional('targetRef', targetRefType(version)),
    optional('from', go.slice(from)),
    optional('rules', go.slice(rule)),
  ]);
}

export function meshServiceType(_version: KumaVersion): GoType {
  const selector = go.struct('Selector', [
    optional('dataplaneTags', stringMap()),
    optional('dataplaneRef', go.struct('DataplaneRef', [f('name', go.string(), true)])),
    optional('dataplaneLabels', go.struct('LabelSelector', [optional('matchLabels', stringMap())])),
  ]);
  const port = go.struct('Port', [
    optional('name', go.string()),
    f('port', go.int32()),
    optional('targetPort', go.intOrString()),
    f('appProtocol', go.string('metadata.Protocol'), true),
  ]);
  const identity = go.struct('MeshServiceIdentity', [
    f('type', go.string('v1alpha1.MeshServiceIdentityType')),
    f('value', go.string()),
  ]);
  return go.struct('MeshService', [
    f('state', go.string('v1alpha1.State'), true),
    f('selector', selector, true),
    f('ports', go.slice(port), true),
    optional('identities', go.slice(identity)),
  ]);
}

const TYPES: Record<string, (version: KumaVersion) => GoType> = {
  MeshHTTPRoute: meshHttpRouteType,
  MeshTCPRoute: meshTcpRouteType,
  MeshTrafficPermission: meshTrafficPermissionType,
  MeshService: meshServiceType,
};

/** The Go type of `spec` for a new-style kind. */
export function policySpecType(kind: string, version: KumaVersion): GoType | undefined {
  return TYPES[kind]?.(version);
}

/**
 * The REST `Resource` a body is read into: the embedded `ResourceMeta` (so errors read
 * `Resource.ResourceMeta.name`) and the spec. `status` is left out: kuma-cp computes it.
 */
export function restResourceType(spec: GoType): GoType {
  return go.struct('Resource', [
    ...go.embed('ResourceMeta', [
      f('type', go.string()),
      f('mesh', go.string(), true),
      f('name', go.string()),
      f('creationTime', go.time()),
      f('modificationTime', go.time()),
      f('labels', stringMap(), true),
    ]),
    f('spec', spec, true),
  ]);
}
