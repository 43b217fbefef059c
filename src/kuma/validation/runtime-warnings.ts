/**
 * §4.6: MeshGateway settings that pass admission but break config generation
 * (`pkg/plugins/runtime/gateway/filter_chain_generator.go`). Returned as warnings: the control
 * plane accepts the resource, then logs the error and keeps a stale or empty gateway config.
 */
import type { Mesh, MeshGateway } from '../types';
import { asArray, asRecord, asString } from './guards';
import { isMtlsEnabled } from './mesh';
import { isCrossMeshListener, listenerProtocol } from './mesh-gateway';
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
