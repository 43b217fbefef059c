/** The kuma-dp command blocks quote every value a user typed or a stored resource holds. */
import { describe, expect, it } from 'vitest';
import type { Capabilities } from '../../kuma/capabilities';
import { parseKumaVersion } from '../../kuma/version';
import { evaluateBuiltinGateway } from './builtin-gateway-form';
import { evaluateDelegated } from './delegated-gateway-form';
import { emptyDelegatedForm, emptyMeshGatewayForm, type FormContext } from './model';

const caps = {
  paths: {},
  writable: {},
  readOnly: false,
  mode: 'standalone',
} as unknown as Capabilities;

const ctx: FormContext = {
  version: parseKumaVersion('2.14.3'),
  environment: 'universal',
  mode: 'standalone',
  product: 'Kuma',
  mesh: 'team a',
  meshResource: undefined,
  federatedZone: false,
  zoneName: 'default',
  systemNamespace: 'kuma-system',
};

const hostile = '"]; click BG1 call alert(1)';

function commands(evaluation: { extraBlocks?: { testId: string; text: string }[] }): string {
  return evaluation.extraBlocks?.find((block) => block.testId === 'kuma-dp-commands')?.text ?? '';
}

describe('kuma-dp commands', () => {
  it('quotes the delegated gateway values', () => {
    const text = commands(
      evaluateDelegated({ ...emptyDelegatedForm(), name: hostile, service: "it's" }, ctx, caps, {
        isNew: true,
      }),
    );
    expect(text).toContain(
      "kumactl generate dataplane-token --mesh 'team a' --tag 'kuma.io/service=it'\\''s' --valid-for 720h > 'it'\\''s-token'",
    );
    expect(text).toContain(
      `kuma-dp run --cp-address=https://<control-plane>:5678 '--dataplane-file=${hostile}.yaml' '--dataplane-token-file=it'\\''s-token'`,
    );
    // Comments carry no values: a line break in one would end the comment.
    const comments = text.split('\n').filter((line) => line.startsWith('#'));
    expect(comments.join('\n')).not.toContain('click');
  });

  it('leaves plain values readable', () => {
    const text = commands(
      evaluateDelegated(
        { ...emptyDelegatedForm(), name: 'kong-1', service: 'kong' },
        { ...ctx, mesh: 'default' },
        caps,
        { isNew: true },
      ),
    );
    expect(text).toContain(
      'kumactl generate dataplane-token --mesh default --tag kuma.io/service=kong --valid-for 720h > kong-token',
    );
    expect(text).toContain(
      'kuma-dp run --cp-address=https://<control-plane>:5678 --dataplane-file=kong-1.yaml --dataplane-token-file=kong-token',
    );
  });

  it('quotes the built-in gateway instance values', () => {
    const form = {
      ...emptyMeshGatewayForm(ctx.version),
      name: 'edge',
      selectors: [{ tags: [{ key: 'kuma.io/service', value: 'edge' }] }],
      instances: [{ name: hostile, address: '10.0.0.1' }],
    };
    const text = commands(evaluateBuiltinGateway(form, ctx, caps, { isNew: true }));
    expect(text).toContain(
      "kumactl generate dataplane-token --mesh 'team a' --tag kuma.io/service=edge --valid-for 720h > edge-token",
    );
    expect(text).toContain(
      `kuma-dp run --cp-address=https://<control-plane>:5678 '--dataplane-file=${hostile}.yaml' --dataplane-token-file=edge-token --dns-enabled=false`,
    );
  });
});
