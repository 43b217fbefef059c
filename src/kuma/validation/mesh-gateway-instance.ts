/**
 * MeshGatewayInstance (Kubernetes only) rules I1–I5: the webhook's tag check
 * (`pkg/plugins/runtime/k8s/webhooks/gateway_instance_validator.go`), the global-CP denial
 * (2.8+) and the CRD schema bounds on `replicas` and `serviceType`.
 */
import type { CpMode } from '../types';
import { atLeast, type ValidationContext } from './context';
import { asRecord, asString, asTags, isPresent } from './guards';
import { belowMinimumMessage, unsupportedEnumValueMessage } from './schema';
import { SERVICE_TAG, validateTagValues } from './tags';
import { rootedAt, type Violation, ViolationList } from './violations';

export const GATEWAY_SERVICE_TYPES = ['LoadBalancer', 'ClusterIP', 'NodePort'] as const;

/** The part of a MeshGatewayInstance CRD the validator reads. */
export interface MeshGatewayInstanceInput {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  spec?: {
    replicas?: number;
    serviceType?: string;
    tags?: Record<string, string>;
    [k: string]: unknown;
  };
}

export interface MeshGatewayInstanceOptions {
  /** The zone/global mode of the control plane that would receive the object (I1). */
  controlPlaneMode?: CpMode;
  /** Product name used in the I1 message. */
  product?: 'Kuma' | 'Kong Mesh';
}

/**
 * The `kuma.io/service` of the Dataplanes a MeshGatewayInstance creates: the `kuma.io/service`
 * tag before 2.7 (undefined without one); from 2.7 `<name>_<namespace>_svc`, which the tag still
 * overrides until 2.9 forbids it.
 */
export function meshGatewayInstanceServiceTag(
  mgi: MeshGatewayInstanceInput,
  ctx: ValidationContext,
): string | undefined {
  const explicit = asTags(asRecord(asRecord(mgi)?.spec)?.tags)[SERVICE_TAG] || undefined;
  if (!atLeast(ctx, 2, 7)) return explicit;
  if (!atLeast(ctx, 2, 9) && explicit) return explicit;
  const metadata = asRecord(asRecord(mgi)?.metadata);
  return `${asString(metadata?.name)}_${asString(metadata?.namespace)}_svc`;
}

/** I1–I5. `tags` paths are rooted at `tags` as the webhook reports them; schema paths at `spec.`. */
export function validateMeshGatewayInstance(
  mgi: MeshGatewayInstanceInput,
  ctx: ValidationContext,
  opts: MeshGatewayInstanceOptions = {},
): Violation[] {
  const out = new ViolationList();
  if (opts.controlPlaneMode === 'global' && atLeast(ctx, 2, 8)) {
    out.add(
      '',
      `Operation not allowed. ${opts.product ?? 'Kuma'} resources like MeshGatewayInstance can be created only from the 'zone' control plane and not from a 'global' control plane.`,
    );
  }

  const spec = asRecord(asRecord(mgi)?.spec) ?? {};
  validateTagValues(out, rootedAt('tags'), spec.tags, {
    requireService: !atLeast(ctx, 2, 7),
    forbidService: atLeast(ctx, 2, 9),
  });

  if (isPresent(spec.replicas)) {
    const replicas = spec.replicas;
    if (typeof replicas !== 'number' || replicas < 1) {
      out.add(
        rootedAt('spec').field('replicas'),
        belowMinimumMessage('spec.replicas', replicas, 1),
      );
    }
  }
  if (
    isPresent(spec.serviceType) &&
    !(GATEWAY_SERVICE_TYPES as readonly unknown[]).includes(spec.serviceType)
  ) {
    out.add(
      rootedAt('spec').field('serviceType'),
      unsupportedEnumValueMessage(spec.serviceType, GATEWAY_SERVICE_TYPES),
    );
  }
  return out.items;
}
