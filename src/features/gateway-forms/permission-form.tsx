/**
 * MeshTrafficPermission create/edit: the top-level targetRef (who receives the traffic), then
 * `from[]` entries (who may call, with Allow / Deny / AllowWithShadowDeny) or, from 2.12,
 * `rules[]` of SPIFFE ID / SNI matches. Opened from a fix, it shows what the policy changes
 * for that gateway → service pair before anything is written.
 */

import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useMemo } from 'react';
import { Link } from 'react-router';
import type { Capabilities } from '../../kuma/capabilities';
import { formMeshQuery, meshPermissionsQuery } from '../../kuma/mutations/form-queries';
import { readOnlyReasonFor, resourcePath } from '../../kuma/mutations/writes';
import type { MeshTrafficPermission } from '../../kuma/types';
import type { PermissionFix } from '../../lib/fix-links';
import { meshCheckPath, permissionsPath } from '../../lib/paths';
import { useKumaApi } from '../../ui/api-context';
import { draftKey } from './drafts';
import { TextField } from './fields';
import { type FormContext, formContext } from './model';
import { Section } from './page-parts';
import { checkPermissionForm, permissionField } from './permission-checks';
import {
  emptyTargetRef,
  type PermissionForm,
  type PermissionMeta,
  permissionTargetKinds,
  permissionToForm,
  specExtraOf,
  supportsRules,
  targetRefOptional,
} from './permission-convert';
import {
  FixEffectNote,
  FromRows,
  ModePicker,
  RuleRows,
  TargetRefFields,
} from './permission-fields';
import { type Evaluation, ResourceForm } from './resource-form';
import type { YamlModeOptions } from './yaml-mode';
import { kubernetesObject } from './yaml-output';

const TYPE = 'MeshTrafficPermission';

export function evaluatePermissionForm(
  values: PermissionForm,
  ctx: FormContext,
  caps: Capabilities,
  meta: PermissionMeta,
  isNew: boolean,
): Evaluation {
  const check = checkPermissionForm(values, ctx, meta, { isNew });
  const { policy } = check.resources;
  return {
    errors: check.errors,
    warnings: check.warnings,
    items: [
      {
        resource: policy,
        label: `${TYPE} ${policy.name}`,
        path: resourcePath(caps, policy),
        readOnlyReason: readOnlyReasonFor(caps, TYPE),
        toField: (path, message) => permissionField(path, message, values),
      },
    ],
    universal: [policy],
    kubernetes: [kubernetesObject(policy, ctx.systemNamespace)],
  };
}

/** The fields of one targetRef: a kind, then what that kind selects by. */
export function PermissionFormView({
  mode,
  mesh,
  stored,
  fix,
  initialValues,
  secondaryActions,
}: {
  mode: 'create' | 'edit';
  mesh: string;
  stored?: MeshTrafficPermission;
  /** The gateway → service pair a fix link opened the form for. */
  fix?: PermissionFix;
  initialValues: PermissionForm;
  secondaryActions?: ReactNode;
}) {
  const api = useKumaApi();
  const { caps } = api;
  const meshQuery = useQuery(formMeshQuery(api, mesh));
  const policies = useQuery(meshPermissionsQuery(api, mesh));
  const ctx = useMemo(() => formContext(caps, mesh, meshQuery.data), [caps, mesh, meshQuery.data]);
  const meta = useMemo<PermissionMeta>(
    () => ({
      mesh,
      labels: stored?.labels ?? (caps.federatedZone ? { 'kuma.io/origin': 'zone' } : undefined),
      specExtra: stored ? specExtraOf(stored) : undefined,
    }),
    [mesh, stored, caps.federatedZone],
  );
  const evaluate = useCallback(
    (values: PermissionForm) => evaluatePermissionForm(values, ctx, caps, meta, mode === 'create'),
    [ctx, caps, meta, mode],
  );
  const storedEntries = useMemo(
    () => (stored ? [{ path: resourcePath(caps, stored), resource: stored }] : undefined),
    [stored, caps],
  );
  const kinds = permissionTargetKinds(caps.version);
  const topKinds = targetRefOptional(caps.version) ? ['', ...kinds] : kinds;
  const services = useMemo(
    () =>
      [
        ...new Set(
          (policies.data ?? []).flatMap((policy) => [
            policy.spec?.targetRef?.name ?? '',
            ...(policy.spec?.from ?? []).map((entry) => entry?.targetRef?.name ?? ''),
          ]),
        ),
      ]
        .filter(Boolean)
        .sort(),
    [policies.data],
  );
  const kubernetes = caps.environment === 'kubernetes';
  const yaml = useMemo<YamlModeOptions<PermissionForm>>(
    () => ({
      kinds: [TYPE],
      ctx,
      storedName: stored?.name,
      toValues: ([policy]) =>
        policy?.type === TYPE ? permissionToForm(policy as MeshTrafficPermission) : undefined,
    }),
    [ctx, stored],
  );
  return (
    <ResourceForm<PermissionForm>
      yaml={yaml}
      mode={mode}
      label={mode === 'create' ? `Create a ${TYPE}` : `Edit ${TYPE} ${stored?.name}`}
      draftKey={draftKey(
        caps.identity,
        mesh,
        TYPE,
        stored?.name ?? (fix ? `new:${fix.source}:${fix.service}` : undefined),
      )}
      initial={initialValues}
      stored={storedEntries}
      evaluate={evaluate}
      tool={kubernetes ? 'kubectl' : 'kumactl'}
      secondaryActions={secondaryActions}
      success={() => (
        <p className="gwf-success__links">
          <Link to={permissionsPath(mesh)}>All permissions in mesh {mesh}</Link>
          {fix && (
            <>
              {' · '}
              <Link to={meshCheckPath(mesh)}>Check the mesh again</Link>
            </>
          )}
        </p>
      )}
    >
      {(values, evaluation) => {
        const draft = evaluation.items[0]?.resource as MeshTrafficPermission | undefined;
        const rulesAllowed = supportsRules(caps.version) || values.mode === 'rules';
        return (
          <>
            <datalist id="gwf-mtp-services">
              {services.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
            {fix && draft && (
              <FixEffectNote fix={fix} stored={policies.data} draft={draft} ctx={ctx} />
            )}
            <Section title={TYPE}>
              <div className="gwf-grid">
                <TextField
                  name="name"
                  label="Name"
                  readOnly={mode === 'edit'}
                  hint={mode === 'edit' ? 'A stored resource keeps its name.' : undefined}
                />
                <div className="gwf-field">
                  <span className="gwf-static-label">Mesh</span>
                  <span>{mesh}</span>
                </div>
              </div>
            </Section>
            <Section
              title="Target: who receives the traffic"
              description={
                <p className="muted">
                  With mTLS on, a request is denied unless a policy selecting its destination allows
                  the caller. A more specific kind wins over a broader one (MeshService over
                  MeshSubset over Mesh); at the same kind, the name that sorts first.
                </p>
              }
            >
              <TargetRefFields
                base="target"
                label="Target"
                kinds={topKinds}
                target={values.target ?? emptyTargetRef()}
                kubernetes={kubernetes}
              />
            </Section>
            <Section title="Callers" testId="permission-callers">
              {rulesAllowed && <ModePicker mode={values.mode} />}
              {values.mode === 'from' ? (
                <FromRows values={values} kubernetes={kubernetes} />
              ) : (
                <RuleRows />
              )}
            </Section>
          </>
        );
      }}
    </ResourceForm>
  );
}
