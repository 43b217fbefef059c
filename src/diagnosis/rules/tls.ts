/**
 * §6.2 rule 10: TLS / SNI problems on HTTPS and TLS listeners, as far as the snapshot shows them:
 * a TLS listener without `tls` (`unsupported TLS mode "NONE"`), TERMINATE without certificates,
 * the same certificate datasource listed twice, and a `*` hostname that gives the filter chain
 * no SNI to match. Client SNI and Envoy's ssl stats are not in the snapshot.
 *
 * `tlsMissingSecret`: a certificate naming a Secret the mesh does not have. Judged only where the
 * snapshot holds the mesh's secret names (Secrets are admin-only: unreadable means unjudged).
 */
import type { DataSource } from '../../kuma/types';
import { gatewayId } from '../../topology/types';
import { describeListener } from '../../traffic/listener-selection';
import { makeFinding, worst } from '../finding';
import type { MeshModel } from '../model';
import { listenerRuntimeWarnings } from '../runtime';
import type { Finding, Severity } from '../types';

function secretNames(certificates: readonly DataSource[] | undefined): string[] {
  return [
    ...new Set(
      (certificates ?? []).flatMap((certificate) =>
        certificate?.secret ? [certificate.secret] : [],
      ),
    ),
  ];
}

export function tlsSni(model: MeshModel): Finding[] {
  const findings: Finding[] = [];
  for (const gateway of model.builtin) {
    const warnings = listenerRuntimeWarnings(gateway.gateway, model.mesh.mesh);
    for (const { entry } of gateway.listeners) {
      const protocol = entry.protocol;
      if ((protocol !== 'HTTPS' && protocol !== 'TLS') || entry.listener.crossMesh) continue;
      const tls = entry.listener.tls;
      const mode = tls?.mode ?? (tls ? 'TERMINATE' : 'NONE');
      const certificates = tls?.certificates ?? [];
      const levels: Severity[] = [];
      const problems: string[] = [];
      const raise = (level: Severity, sentence: string) => {
        levels.push(level);
        problems.push(sentence);
      };
      for (const warning of warnings) {
        if (warning.listenerIndex !== entry.index) continue;
        if (warning.message.startsWith('unsupported TLS mode')) {
          raise(
            'error',
            `${describeListener(entry)} has no tls block: config generation fails with ${warning.message}.`,
          );
        } else if (warning.message.startsWith('duplicate TLS certificate')) {
          raise(
            'error',
            `${warning.field}: config generation fails with ${warning.message}: the same certificate datasource is listed twice.`,
          );
        }
      }
      if (protocol === 'HTTPS' && !tls) {
        raise(
          'error',
          `${describeListener(entry)} is HTTPS without a tls block, so there is no certificate to terminate with.`,
        );
      } else if (tls && mode === 'TERMINATE' && certificates.length === 0) {
        raise(
          'error',
          `${describeListener(entry)} terminates TLS (tls.mode ${mode}) but lists no certificates.`,
        );
      }
      if (entry.hostname === '*') {
        raise(
          'warning',
          `${describeListener(entry)} has no hostname (or "*"), so its filter chain has no SNI to match: ${mode === 'PASSTHROUGH' ? 'every TLS connection on the port is passed through to the same backend' : 'every client gets the same certificate, and clients whose host is not in it fail verification'}.`,
        );
      }
      if (levels.length === 0) continue;
      const severity = levels.reduce(worst);
      const secrets = secretNames(certificates);
      findings.push(
        makeFinding({
          rule: 'tls-sni',
          severity,
          mesh: model.name,
          subject: { type: 'MeshGateway', mesh: model.name, name: gateway.gateway.name },
          qualifier: `listener-${entry.index}`,
          nodeIds: [gatewayId(model.name, 'builtin', gateway.gateway.name)],
          title: `${protocol} listener #${entry.index} (:${entry.port}, hostname ${entry.hostname}) of MeshGateway "${gateway.gateway.name}" has a TLS problem`,
          symptom:
            severity === 'error'
              ? `TLS handshakes on port ${entry.port} fail or the connection is reset, with no HTTP status.`
              : `Clients connecting with an SNI the certificate does not cover on port ${entry.port} fail the handshake, with no HTTP status.`,
          evidence: [
            ...problems,
            `Could not check: ${secrets.length > 0 && !model.mesh.secretNames ? `that secret${secrets.length === 1 ? '' : 's'} ${secrets.join(', ')} exist${secrets.length === 1 ? 's' : ''} in mesh "${model.name}" and hold${secrets.length === 1 ? 's' : ''} a PEM key and certificate (GET /meshes/${model.name}/secrets/<name>; secrets are not in the snapshot), ` : ''}the SNI clients send, and Envoy's listener ssl / no_filter_chain_match stats.`,
          ],
          fix:
            severity === 'error'
              ? `Give listener #${entry.index} a tls block with mode TERMINATE and one or two distinct certificates (one RSA and/or one ECDSA), or mode PASSTHROUGH on a TLS listener.`
              : `Set listener #${entry.index}'s hostname to the name(s) its certificate covers (one listener per name or wildcard).`,
          fixAction: {
            kind: 'edit-gateway',
            mesh: model.name,
            name: gateway.gateway.name,
            listenerIndex: entry.index,
          },
        }),
      );
    }
  }
  return findings;
}

/** kuma-cp's error when a certificate's secret is missing (`datasource` loader, gateway generator). */
export function missingSecretError(secret: string, mesh: string): string {
  return `failed to generate TLS certificate: could not load data: resource not found: type="Secret" name="${secret}" mesh="${mesh}"`;
}

/** How to create a TLS secret, on Universal and on Kubernetes (Kuma has no `kumactl create secret`). */
export function createSecretHint(secret: string, mesh: string): string {
  return `Create secret "${secret}" in mesh "${mesh}" holding the PEM private key, then the certificate and its chain: on Universal \`kumactl apply -f\` a resource with type: Secret, mesh: ${mesh}, name: ${secret}, data: <base64 of the PEM>; on Kubernetes a Secret "${secret}" of type system.kuma.io/secret in the control plane's namespace, labelled kuma.io/mesh: ${mesh}, with data.value the base64 PEM. Or pick an existing secret for the listener in the gateway form.`;
}

export function tlsMissingSecret(model: MeshModel): Finding[] {
  const known = model.mesh.secretNames;
  if (!known) return [];
  const have = new Set(known);
  const findings: Finding[] = [];
  for (const gateway of model.builtin) {
    for (const { entry } of gateway.listeners) {
      const protocol = entry.protocol;
      if ((protocol !== 'HTTPS' && protocol !== 'TLS') || entry.listener.crossMesh) continue;
      const tls = entry.listener.tls;
      if (!tls || (tls.mode ?? 'TERMINATE') !== 'TERMINATE') continue;
      const missing: { secret: string; at: number }[] = [];
      (tls.certificates ?? []).forEach((certificate, at) => {
        const secret = certificate?.secret;
        if (secret && !have.has(secret) && !missing.some((m) => m.secret === secret)) {
          missing.push({ secret, at });
        }
      });
      if (missing.length === 0) continue;
      const names = missing.map(({ secret }) => `"${secret}"`).join(', ');
      const plural = missing.length > 1;
      const first = missing[0] as { secret: string };
      findings.push(
        makeFinding({
          rule: 'tls-missing-secret',
          severity: 'error',
          mesh: model.name,
          subject: { type: 'MeshGateway', mesh: model.name, name: gateway.gateway.name },
          qualifier: `listener-${entry.index}`,
          related: missing.map(({ secret }) => ({
            type: 'Secret',
            mesh: model.name,
            name: secret,
          })),
          nodeIds: [gatewayId(model.name, 'builtin', gateway.gateway.name)],
          title: `${protocol} listener #${entry.index} (:${entry.port}, hostname ${entry.hostname}) of MeshGateway "${gateway.gateway.name}" uses secret${plural ? 's' : ''} ${names}, missing from mesh "${model.name}"`,
          symptom: `kuma-cp cannot generate the gateway's configuration, so its proxies keep their last one (a new proxy gets none): TLS handshakes on port ${entry.port} fail, with no HTTP status.`,
          evidence: [
            ...missing.map(
              ({ secret, at }) =>
                `${describeListener(entry)} names tls.certificates[${at}].secret "${secret}", and mesh "${model.name}" has no Secret of that name (it has ${known.length === 0 ? 'no secrets' : `${known.length} other${known.length === 1 ? '' : 's'}`}).`,
            ),
            `kuma-cp reports: ${missingSecretError(first.secret, model.name)}.`,
          ],
          fix: missing.map(({ secret }) => createSecretHint(secret, model.name)).join(' '),
          fixAction: {
            kind: 'edit-gateway',
            mesh: model.name,
            name: gateway.gateway.name,
            listenerIndex: entry.index,
          },
        }),
      );
    }
  }
  return findings;
}
