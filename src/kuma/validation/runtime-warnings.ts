/**
 * §4.6: MeshGateway settings that pass admission but break config generation
 * (`pkg/plugins/runtime/gateway/filter_chain_generator.go`). Returned as warnings: the control
 * plane accepts the resource, then logs the error and keeps a stale or empty gateway config.
 * Also what a MeshGatewayInstance passes the webhook with but never deploys as expected (§1.3).
 */

import type { Mesh, MeshGateway } from '../types';
import type { ValidationContext } from './context';
import { asArray, asNumber, asRecord, asString, asTags } from './guards';
import { isMtlsEnabled } from './mesh';
import { isCrossMeshListener, listenerProtocol } from './mesh-gateway';
import {
  type MeshGatewayInstanceInput,
  meshGatewayInstanceServiceTag,
} from './mesh-gateway-instance';
import { tagSelectorMatches } from './tag-selector';
import { SERVICE_TAG } from './tags';
import { goQuote, rootedAt, type Violation, ViolationList } from './violations';

/**
 * A name for a certificate datasource. Kuma's secret name also carries the key type, which only
 * the secret's contents reveal; two references to the same datasource collide either way.
 */
function datasourceIdentity(raw: unknown): { key: string; name: string } | undefined {
  const source = asRecord(raw);
  if (source === undefined) {
    return undefined;
  }
  for (const type of ['secret', 'file', 'inline', 'inlineString'] as const) {
    const value = asString(source[type]);
    if (value !== '') {
      return { key: `${type}:${value}`, name: type === 'secret' || type === 'file' ? value : type };
    }
  }
  return undefined;
}

/**
 * Checks per listener, in this order:
 * - crossMesh on TCP/TLS: the validator allows it, but only HTTP is supported;
 * - a TLS listener without `tls`: `unsupported TLS mode "NONE"`;
 * - crossMesh in a mesh without mTLS (only when `mesh` is known);
 * - the same certificate datasource listed twice: `duplicate TLS certificate "<name>"`.
 */
export function meshGatewayRuntimeWarnings(gw: MeshGateway, mesh: Mesh | undefined): Violation[] {
  const out = new ViolationList();
  const listenersPath = rootedAt('conf').field('listeners');
  const listeners = asArray(asRecord(asRecord(gw)?.conf)?.listeners);
  listeners.forEach((raw, i) => {
    const listener = asRecord(raw) ?? {};
    const path = listenersPath.index(i);
    const protocol = listenerProtocol(listener);
    const crossMesh = isCrossMeshListener(listener);
    const tls = asRecord(listener.tls);

    if (crossMesh && (protocol === 'TCP' || protocol === 'TLS')) {
      out.add(path.field('protocol'), 'protocol is not supported with crossMesh');
    }
    if (protocol === 'TLS' && tls === undefined && !crossMesh) {
      out.add(path.field('tls'), `unsupported TLS mode ${goQuote('NONE')}`);
    }
    if (crossMesh && mesh !== undefined && !isMtlsEnabled(mesh)) {
      out.add(path.field('crossMesh'), 'mTLS must be enabled for crossMesh-enabled MeshGateways');
    }

    const seen = new Set<string>();
    asArray(tls?.certificates).forEach((certificate, j) => {
      const identity = datasourceIdentity(certificate);
      if (identity === undefined) {
        return;
      }
      if (seen.has(identity.key)) {
        out.add(
          path.field('tls').field('certificates').index(j),
          `duplicate TLS certificate ${goQuote(identity.name)}`,
        );
      }
      seen.add(identity.key);
    });
  });
  return out.items;
}

/** The default `--service-node-port-range` of the Kubernetes API server. */
export const NODE_PORT_RANGE = [30000, 32767] as const;

/**
 * Checks for a MeshGatewayInstance and the MeshGateway it deploys:
 * - no selector of `gateway` matches the tags of the instance's Dataplanes (its `spec.tags` plus
 *   its `kuma.io/service`): the controller sets condition NoGatewayMatched and creates no
 *   Deployment or Service;
 * - with `serviceType: NodePort` each listener port becomes a nodePort, so ports outside the
 *   default NodePort range are refused by the API server when the Service is created.
 */
export function meshGatewayInstanceRuntimeWarnings(
  mgi: MeshGatewayInstanceInput,
  gateway: MeshGateway,
  ctx: ValidationContext,
): Violation[] {
  const out = new ViolationList();
  const spec = asRecord(asRecord(mgi)?.spec) ?? {};
  const service = meshGatewayInstanceServiceTag(mgi, ctx);
  if (service !== undefined) {
    const tags = { ...asTags(spec.tags), [SERVICE_TAG]: service };
    const matched = asArray(asRecord(gateway)?.selectors).some((selector) =>
      tagSelectorMatches(asTags(asRecord(selector)?.match), tags),
    );
    if (!matched) {
      out.add(
        '',
        `no selector of this MeshGateway matches ${SERVICE_TAG}: ${service}, the service of the instance's Dataplanes: the control plane creates no Deployment or Service until one does (condition NoGatewayMatched)`,
      );
    }
  }
  if (spec.serviceType === 'NodePort') {
    const [low, high] = NODE_PORT_RANGE;
    const outside = [
      ...new Set(
        asArray(asRecord(asRecord(gateway)?.conf)?.listeners)
          .map((listener) => asNumber(asRecord(listener)?.port))
          .filter((port) => port < low || port > high),
      ),
    ];
    if (outside.length > 0) {
      out.add(
        rootedAt('spec').field('serviceType'),
        `with NodePort each listener port becomes the Service's nodePort: ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} outside the default NodePort range ${low}–${high}`,
      );
    }
  }
  return out.items;
}
