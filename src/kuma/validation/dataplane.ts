/**
 * Dataplane rules from `pkg/core/resources/apis/mesh/dataplane_validator.go`, run on the
 * canonical (jsonpb-decoded) resource: the gateway rules D1–D16 plus the sidecar rules
 * (address, inbounds, outbounds, probes, metrics, transparent proxying, 2.14 listeners).
 * Order follows Kuma: admin port, then the per-kind checks, gateway tags, networking, probes.
 *
 * Release differences, from Kuma's git history:
 * - 2.7: outbound `backendRef` (MeshService only, `name` required); 2.8 adds
 *   MeshExternalService (no port check); 2.9 adds MeshMultiZoneService, `labels` as an
 *   alternative to `name`, and `transparentProxying.reachableBackends`.
 * - `kuma.io/protocol` accepts `tls` from 2.8 and `mysql` from 2.10.
 * - 2.12: the gateway protocol check is case-insensitive and quotes the value with `%q`.
 * - 2.14: inbound `protocol` field, inbounds without tags, outbound-only sidecars, listeners;
 *   2.14.2: gateway tags may be empty.
 */
import type { Dataplane } from '../types';
import { atLeast, type ValidationContext } from './context';
import {
  LOOPBACK,
  usesInboundInterface,
  usesOutboundInterface,
  validateDataplaneAddress,
} from './dataplane-address';
import { validateListeners } from './dataplane-listeners';
import { validateMetricsBackend } from './dataplane-metrics';
import { validateProbes, validateServiceProbe } from './dataplane-probes';
import { validateReachableBackends } from './dataplane-reachable-backends';
import { asArray, asNumber, asRecord, asString, asTags, isPresent, isSet } from './guards';
import { isIP } from './ip';
import { validatePort } from './port';
import { MSG_SERVICE_TAG_MISSING, PROTOCOL_TAG, SERVICE_TAG, validateTagValues } from './tags';
import { goQuote, type PathBuilder, rootedAt, type Violation, ViolationList } from './violations';

/** What Kuma lists in protocol messages (`SupportedProtocols`), the same in every release. */
const SUPPORTED_PROTOCOLS_HINT = 'Allowed values: grpc, http, http2, kafka, tcp';

export type DataplaneKind = 'standard' | 'delegated' | 'builtin';

/**
 * `IsDelegatedGateway` / `IsBuiltinGateway`: a `gateway` without `type` (the proto3 zero value)
 * is DELEGATED. A type number jsonpb kept but that names no value is neither, so Kuma treats
 * such a Dataplane as a sidecar.
 */
export function dataplaneKind(dp: Dataplane): DataplaneKind {
  const gateway = asRecord(asRecord(asRecord(dp)?.networking)?.gateway);
  if (gateway === undefined) return 'standard';
  const type = gateway.type;
  if (type === 'BUILTIN' || type === 1) return 'builtin';
  if (type === undefined || type === null || type === 'DELEGATED' || type === 0) {
    return 'delegated';
  }
  return 'standard';
}

/** `isAtLeast` down to the patch release, for rules that changed in a patch. */
function atLeastPatch(ctx: ValidationContext, major: number, minor: number, patch: number) {
  const { version } = ctx;
  if (version.major !== major) return version.major > major;
  if (version.minor !== minor) return version.minor > minor;
  return version.patch >= patch;
}

/** `ParseProtocol(value) != ProtocolUnknown`, per release. */
function isKnownProtocol(value: string, ctx: ValidationContext): boolean {
  const known = ['http', 'http2', 'tcp', 'grpc', 'kafka'];
  if (atLeast(ctx, 2, 8)) known.push('tls');
  if (atLeast(ctx, 2, 10)) known.push('mysql');
  return known.includes(value.toLowerCase());
}

/** Kinds an outbound `backendRef` (and, 2.9+, a reachable backend) may use, sorted as Kuma prints them. */
function backendRefKinds(ctx: ValidationContext): string[] {
  if (atLeast(ctx, 2, 9)) return ['MeshExternalService', 'MeshMultiZoneService', 'MeshService'];
  if (atLeast(ctx, 2, 8)) return ['MeshExternalService', 'MeshService'];
  return ['MeshService'];
}

function inboundProtocolCheck(ctx: ValidationContext) {
  return (out: ViolationList, path: PathBuilder, tags: Record<string, string>): void => {
    if (!Object.hasOwn(tags, PROTOCOL_TAG)) return;
    const value = tags[PROTOCOL_TAG] ?? '';
    if (!isKnownProtocol(value, ctx)) {
      out.add(
        path.key(PROTOCOL_TAG),
        `tag ${goQuote(PROTOCOL_TAG)} has an invalid value ${goQuote(value)}. ${SUPPORTED_PROTOCOLS_HINT}`,
      );
    }
  };
}

function gatewayProtocolCheck(ctx: ValidationContext) {
  return (out: ViolationList, path: PathBuilder, tags: Record<string, string>): void => {
    if (!Object.hasOwn(tags, PROTOCOL_TAG)) return;
    const value = tags[PROTOCOL_TAG] ?? '';
    // Through 2.11 the value is compared as written and printed without quoting.
    const modern = atLeast(ctx, 2, 12);
    const isTcp = modern ? value.toLowerCase() === 'tcp' : value === 'tcp';
    if (!isTcp) {
      const shown = modern ? goQuote(value) : `"${value}"`;
      out.add(
        path.key(PROTOCOL_TAG),
        `other values than tcp are not allowed, provided value ${shown}`,
      );
    }
  };
}

function validateInbound(
  out: ViolationList,
  path: PathBuilder,
  inbound: Record<string, unknown>,
  dpAddress: string,
  ctx: ValidationContext,
): void {
  const port = asNumber(inbound.port);
  const servicePort = asNumber(inbound.servicePort);
  const serviceAddress = asString(inbound.serviceAddress);
  const address = asString(inbound.address);
  const sharesPort = servicePort === 0 || servicePort === port;

  validatePort(out, path.field('port'), inbound.port);
  if (servicePort !== 0) {
    validatePort(out, path.field('servicePort'), servicePort);
  }
  if (serviceAddress !== '') {
    if (!isIP(serviceAddress)) {
      out.add(path.field('serviceAddress'), 'serviceAddress has to be valid IP address');
    }
    if (serviceAddress === dpAddress && sharesPort) {
      out.add(
        path.field('serviceAddress'),
        'serviceAddress and servicePort has to differ from address and port',
      );
    }
  }
  if (address !== '') {
    if (!isIP(address)) {
      out.add(path.field('address'), 'address has to be valid IP address');
    }
    if (address === serviceAddress && sharesPort) {
      out.add(
        path.field('serviceAddress'),
        'serviceAddress and servicePort has to differ from address and port',
      );
    }
  }
  validateTagValues(out, path.field('tags'), asTags(inbound.tags), {
    extraChecks: [inboundProtocolCheck(ctx)],
  });
  const protocol = asString(inbound.protocol);
  if (atLeast(ctx, 2, 14) && protocol !== '' && !isKnownProtocol(protocol, ctx)) {
    out.add(
      path.field('protocol'),
      `has an invalid value ${goQuote(protocol)}. ${SUPPORTED_PROTOCOLS_HINT}`,
    );
  }
  validateServiceProbe(out, path, inbound.serviceProbe);
}

function validateOutbound(
  out: ViolationList,
  path: PathBuilder,
  outbound: Record<string, unknown>,
  ctx: ValidationContext,
): void {
  validatePort(out, path.field('port'), outbound.port);

  const address = asString(outbound.address);
  if (address !== '' && !isIP(address)) {
    out.add(path.field('address'), 'address has to be valid IP address');
  }

  // `GetService()` reads the service tag, so "tags/service" below is just "tags".
  const tags = asTags(outbound.tags);
  const hasTags = Object.keys(tags).length > 0;
  const backendRef = atLeast(ctx, 2, 7) ? asRecord(outbound.backendRef) : undefined;
  if (backendRef !== undefined) {
    const refPath = path.field('backendRef');
    const kind = asString(backendRef.kind);
    const kinds = backendRefKinds(ctx);
    if (!kinds.includes(kind)) {
      out.add(refPath.field('kind'), `invalid value. Available values are: ${kinds.join(',')}`);
    }
    const name = asString(backendRef.name);
    if (!atLeast(ctx, 2, 9)) {
      if (name === '') out.add(refPath.field('name'), 'cannot be empty');
    } else if (name === '' && !isSet(backendRef.labels)) {
      out.add(refPath, "either 'name' or 'labels' should be specified");
    }
    // From 2.8 a MeshExternalService's port comes from its endpoints.
    if (!atLeast(ctx, 2, 8) || kind !== 'MeshExternalService') {
      validatePort(out, refPath.field('port'), backendRef.port);
    }
  } else if (!hasTags) {
    out.add(path.field('tags'), MSG_SERVICE_TAG_MISSING);
  } else {
    validateTagValues(out, path.field('tags'), tags, { requireService: true });
  }

  if (backendRef !== undefined && hasTags) {
    out.add(path.field('backendRef'), 'both backendRef and tags/service cannot be defined');
  }
}

function validateNetworking(
  out: ViolationList,
  networking: Record<string, unknown>,
  ctx: ValidationContext,
): void {
  const path = rootedAt('networking');
  const dpAddress = asString(networking.address);
  validateDataplaneAddress(out, path.field('address'), dpAddress);
  asArray(networking.inbound).forEach((raw, i) => {
    const inbound = asRecord(raw) ?? {};
    const inboundPath = path.field('inbound').index(i);
    validateInbound(out, inboundPath, inbound, dpAddress, ctx);
    // Reported after the inbound's own violations. 2.14 lets an inbound carry no tags at all.
    const tags = asTags(inbound.tags);
    const mustHaveService = !atLeast(ctx, 2, 14) || Object.keys(tags).length > 0;
    if (mustHaveService && !Object.hasOwn(tags, SERVICE_TAG)) {
      out.add(inboundPath.field('tags').key(SERVICE_TAG), 'tag has to exist');
    }
  });
  asArray(networking.outbound).forEach((raw, i) => {
    validateOutbound(out, path.field('outbound').index(i), asRecord(raw) ?? {}, ctx);
  });
  if (atLeast(ctx, 2, 9)) {
    validateReachableBackends(
      out,
      path.field('transparentProxing'),
      networking.transparentProxying,
      backendRefKinds(ctx),
    );
  }
}

function validateGatewayTags(
  out: ViolationList,
  gateway: Record<string, unknown>,
  ctx: ValidationContext,
): void {
  const tags = asTags(gateway.tags);
  // D8: the service tag became optional for tagless gateways in 2.14.2.
  const requireService = !atLeastPatch(ctx, 2, 14, 2) || Object.keys(tags).length > 0;
  validateTagValues(out, rootedAt('networking').field('gateway').field('tags'), tags, {
    requireService,
    extraChecks: [gatewayProtocolCheck(ctx)],
  });
}

/** D1–D16 and the sidecar rules for a Dataplane (legacy, flat resource). */
export function validateDataplane(dp: Dataplane, ctx: ValidationContext): Violation[] {
  const out = new ViolationList();
  const net = rootedAt('networking');
  const resource = asRecord(dp) ?? {};
  const networking = asRecord(resource.networking);
  if (networking === undefined) {
    out.add(net, 'must be defined');
    return out.items;
  }

  const admin = asRecord(networking.admin);
  if (admin !== undefined) {
    const adminPort = asNumber(admin.port);
    if (usesInboundInterface(networking, LOOPBACK, adminPort)) {
      out.add(net.field('admin').field('port'), 'must differ from inbound');
    }
    if (usesOutboundInterface(networking, LOOPBACK, adminPort)) {
      out.add(net.field('admin').field('port'), 'must differ from outbound');
    }
  }

  const hasInbound = asArray(networking.inbound).length > 0;
  // Listeners exist (and are rejected on gateways) from 2.14.
  const hasListeners = atLeast(ctx, 2, 14) && asArray(networking.listeners).length > 0;
  const gateway = asRecord(networking.gateway) ?? {};
  switch (dataplaneKind(dp)) {
    case 'delegated':
      if (hasInbound) {
        out.add(net.field('inbound'), 'inbound cannot be defined for delegated gateways');
      }
      if (hasListeners) {
        out.add(net.field('listeners'), 'listeners cannot be defined for delegated gateways');
      }
      validateGatewayTags(out, gateway, ctx);
      validateNetworking(out, networking, ctx);
      validateProbes(out, resource.probes, ctx);
      break;
    case 'builtin':
      if (hasInbound) {
        out.add(net.field('inbound'), 'inbound cannot be defined for builtin gateways');
      }
      if (asArray(networking.outbound).length > 0) {
        out.add(net.field('outbound'), 'outbound cannot be defined for builtin gateways');
      }
      if (hasListeners) {
        out.add(net.field('listeners'), 'listeners cannot be defined for builtin gateways');
      }
      if (isPresent(resource.probes)) {
        out.add(net.field('probes'), 'probes cannot be defined for builtin gateways');
      }
      validateGatewayTags(out, gateway, ctx);
      validateNetworking(out, networking, ctx);
      break;
    case 'standard':
      // 2.14 (kumahq/kuma#15685) accepts outbound-only proxies.
      if (!hasInbound && !atLeast(ctx, 2, 14)) {
        out.add(net, 'has to contain at least one inbound interface or gateway');
      }
      validateNetworking(out, networking, ctx);
      validateProbes(out, resource.probes, ctx);
      if (isPresent(resource.metrics)) {
        validateMetricsBackend(out, resource.metrics, ctx);
      }
      if (atLeast(ctx, 2, 14)) {
        validateListeners(out, net.field('listeners'), networking);
      }
      break;
  }
  return out.items;
}
