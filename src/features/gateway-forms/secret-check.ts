/**
 * What the TLS certificate fields say about secrets: the warning for a name the mesh does not
 * have, and the one-line note under the field (how many secrets there are to pick from, or why the
 * field is free text). Pure, so the form, the YAML mode and the tests share it.
 */
import type { SecretNames } from '../../kuma/queries/secrets';
import type { MeshGateway } from '../../kuma/types';
import type { Violation } from '../../kuma/validation';

export function missingSecretMessage(secret: string, mesh: string): string {
  return `no secret named ${secret} in mesh ${mesh}: the control plane accepts the gateway, but cannot build its configuration until the secret exists`;
}

/**
 * A warning at `conf.listeners[i].tls.certificates[k].secret` for every certificate naming a
 * secret missing from `names`. Without names (not readable, not loaded) nothing is judged.
 */
export function missingSecretWarnings(
  gateway: Pick<MeshGateway, 'conf'>,
  mesh: string,
  names: readonly string[] | undefined,
): Violation[] {
  if (!names || mesh === '') return [];
  const have = new Set(names);
  const warnings: Violation[] = [];
  (gateway.conf?.listeners ?? []).forEach((listener, i) => {
    const tls = listener?.tls;
    if (!tls || (tls.mode ?? 'TERMINATE') !== 'TERMINATE') return;
    (tls.certificates ?? []).forEach((certificate, k) => {
      const secret = certificate?.secret;
      if (secret === undefined || secret.trim() === '' || have.has(secret)) return;
      warnings.push({
        field: `conf.listeners[${i}].tls.certificates[${k}].secret`,
        message: missingSecretMessage(secret, mesh),
      });
    });
  });
  return warnings;
}

export type SecretListState =
  | { status: 'pending' }
  | { status: 'error'; message: string }
  | { status: 'success'; data: SecretNames };

/** The note under a secret field: what the list offers, or why the field is free text. */
export function secretListNote(state: SecretListState, mesh: string): string | undefined {
  if (mesh === '') return 'Choose the mesh first to pick from its secrets.';
  if (state.status === 'pending') return undefined;
  if (state.status === 'error') {
    return `Type the secret's name: the secrets of mesh ${mesh} could not be listed (${state.message}).`;
  }
  const { data } = state;
  if (!data.readable) return `Type the secret's name: ${data.reason}.`;
  const count = data.names.length;
  return count === 0
    ? `Mesh ${mesh} has no secrets yet: type the name of the one you will create.`
    : `${count} secret${count === 1 ? '' : 's'} in mesh ${mesh}: pick one or type a name.`;
}
