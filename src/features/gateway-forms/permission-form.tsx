/**
 * MeshTrafficPermission create/edit: the top-level targetRef (who receives the traffic), then
 * `from[]` entries (who may call, with Allow / Deny / AllowWithShadowDeny) or, from 2.12,
 * `rules[]` of SPIFFE ID / SNI matches. Opened from a fix, it shows what the policy changes
 * for that gateway → service pair before anything is written.
 */

import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useMemo } from 'react';
import { type FieldValues, useFieldArray, useFormContext } from 'react-hook-form';
import { Link } from 'react-router';
import type { Capabilities } from '../../kuma/capabilities';
import { formMeshQuery, meshPermissionsQuery } from '../../kuma/mutations/form-queries';
import { readOnlyReasonFor, resourcePath } from '../../kuma/mutations/writes';
import type { MeshTrafficPermission } from '../../kuma/types';
import type { PermissionFix } from '../../lib/fix-links';
import { useKumaApi } from '../../ui/api-context';
import { draftKey } from './drafts';
import { type Choice, Group, RowButton, SelectField, TagRowsField, TextField } from './fields';
import { FieldMessages } from './issues';
import { type FormContext, formContext } from './model';
import { Section } from './page-parts';
import { checkPermissionForm, permissionField } from './permission-checks';
import {
  emptyFrom,
  emptyMatch,
  emptyRule,
  emptyTargetRef,
  fieldsOfKind,
  MATCH_LISTS,
  type MatchList,
  PERMISSION_ACTIONS,
  PERMISSION_FROM_KINDS,
  type PermissionForm,
  type PermissionMeta,
  permissionTargetKinds,
  permissionToForm,
  specExtraOf,
  supportsRules,
  type TargetRefForm,
  targetRefOptional,
} from './permission-convert';
import { fixEffect } from './permission-effect';
import { type Evaluation, ResourceForm } from './resource-form';
import type { YamlModeOptions } from './yaml-mode';
import { kubernetesObject } from './yaml-output';

const TYPE = 'MeshTrafficPermission';

export function permissionsPath(mesh: string): string {
  return `/meshes/${encodeURIComponent(mesh)}/permissions`;
}

export function permissionEditPath(mesh: string, name: string): string {
  return `${permissionsPath(mesh)}/${encodeURIComponent(name)}/edit`;
}

const KIND_LABELS: Record<string, string> = { '': '(none)' };

/** What a kind selects, under its select. */
const KIND_HINTS: Record<string, string> = {
  '': 'No targetRef: the whole mesh.',
  Mesh: 'Every proxy of the mesh.',
  MeshSubset: 'Proxies with all these tags.',
  MeshService: 'One service: a kuma.io/service value or a MeshService.',
  MeshServiceSubset: 'The proxies of a service that have all these tags.',
  Dataplane: 'One proxy by name, or the proxies with these labels.',
};

const ACTION_LABELS: Record<string, string> = {
  Allow: 'Allow',
  Deny: 'Deny',
  AllowWithShadowDeny: 'AllowWithShadowDeny (allow, log as if denied)',
  '': '(not set)',
};

const LIST_LABELS: Record<MatchList, string> = {
  allow: 'Allow',
  allowWithShadowDeny: 'Allow with shadow deny',
  deny: 'Deny',
};

function kindChoices(kinds: readonly string[], current: string): Choice[] {
  const all = kinds.includes(current) ? kinds : [...kinds, current];
  return all.map((kind) => ({ value: kind, label: KIND_LABELS[kind] ?? kind }));
}

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
function TargetRefFields({
  base,
  label,
  kinds,
  target,
  kubernetes,
}: {
  base: string;
  label: string;
  kinds: readonly string[];
  target: TargetRefForm;
  kubernetes: boolean;
}) {
  const fields = fieldsOfKind(target.kind);
  return (
    <>
      <FieldMessages name={base} />
      <div className="gwf-grid">
        <SelectField
          name={`${base}.kind`}
          label={`${label}: kind`}
          choices={kindChoices(kinds, target.kind)}
          hint={KIND_HINTS[target.kind]}
        />
        {fields.includes('name') && (
          <TextField
            name={`${base}.name`}
            label={`${label}: name`}
            list={target.kind === 'Dataplane' ? undefined : 'gwf-mtp-services'}
          />
        )}
        {fields.includes('namespace') && kubernetes && (
          <TextField name={`${base}.namespace`} label={`${label}: namespace`} />
        )}
        {fields.includes('sectionName') && (
          <TextField
            name={`${base}.sectionName`}
            label={`${label}: section`}
            hint="A port name or number (optional)."
          />
        )}
      </div>
      {fields.includes('tags') && <TagRowsField name={`${base}.tags`} legend={`${label}: tags`} />}
      {fields.includes('labels') && (
        <TagRowsField name={`${base}.labels`} legend={`${label}: labels`} addLabel="Add label" />
      )}
    </>
  );
}

function FromRows({ values, kubernetes }: { values: PermissionForm; kubernetes: boolean }) {
  const { control } = useFormContext<FieldValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'from' });
  return (
    <Group
      name="from"
      legend="From: who may call"
      hint="When several entries match a caller, the later one wins."
    >
      {fields.map((field, i) => {
        const entry = values.from[i];
        return (
          <Group
            key={field.id}
            name={`from.${i}`}
            legend={`Caller ${i + 1}`}
            className="gwf-match"
            testId={`from-${i}`}
          >
            {entry && (
              <TargetRefFields
                base={`from.${i}.target`}
                label={`Caller ${i + 1}`}
                kinds={PERMISSION_FROM_KINDS}
                target={entry.target}
                kubernetes={kubernetes}
              />
            )}
            <SelectField
              name={`from.${i}.action`}
              label={`Caller ${i + 1}: action`}
              choices={[...PERMISSION_ACTIONS, ...(entry?.action === '' ? [''] : [])].map(
                (action) => ({ value: action, label: ACTION_LABELS[action] ?? action }),
              )}
            />
            <RowButton
              group="from"
              variant="ghost"
              label={`Remove caller ${i + 1}`}
              onClick={() => remove(i)}
            >
              Remove caller
            </RowButton>
          </Group>
        );
      })}
      <RowButton group="from" onClick={() => append(emptyFrom())}>
        Add caller
      </RowButton>
    </Group>
  );
}

function MatchRows({ name, list }: { name: string; list: MatchList }) {
  const { control } = useFormContext<FieldValues>();
  const { fields, append, remove } = useFieldArray({ control, name });
  const add = (
    <RowButton group={name} onClick={() => append(emptyMatch())}>
      Add {LIST_LABELS[list].toLowerCase()} match
    </RowButton>
  );
  if (fields.length === 0) return add;
  return (
    <Group name={name} legend={LIST_LABELS[list]}>
      {fields.map((field, m) => (
        <div key={field.id} className="gwf-row">
          <SelectField
            name={`${name}.${m}.spiffeType`}
            label={`${LIST_LABELS[list]} ${m + 1}: SPIFFE ID match`}
            choices={[
              { value: 'Exact', label: 'Exact' },
              { value: 'Prefix', label: 'Prefix' },
              { value: '', label: '(none)' },
            ]}
          />
          <TextField
            name={`${name}.${m}.spiffeValue`}
            label={`${LIST_LABELS[list]} ${m + 1}: SPIFFE ID`}
            placeholder="spiffe://default.zone.mesh.local/ns/…"
          />
          <TextField
            name={`${name}.${m}.sniValue`}
            label={`${LIST_LABELS[list]} ${m + 1}: SNI (exact)`}
          />
          <RowButton
            group={name}
            variant="ghost"
            label={`Remove ${LIST_LABELS[list].toLowerCase()} match ${m + 1}`}
            onClick={() => remove(m)}
          >
            Remove
          </RowButton>
        </div>
      ))}
      {add}
    </Group>
  );
}

function RuleRows({ count }: { count: number }) {
  const { control } = useFormContext<FieldValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'rules' });
  return (
    <Group
      name="rules"
      legend="Rules: SPIFFE ID and SNI matches"
      hint="A deny match always wins; without any match a request is denied. Needs MeshIdentity."
    >
      {fields.map((field, r) => (
        <Group key={field.id} name={`rules.${r}`} legend={`Rule ${r + 1}`} className="gwf-rule">
          {MATCH_LISTS.map((list) => (
            <MatchRows key={list} name={`rules.${r}.${list}`} list={list} />
          ))}
          {count > 1 && (
            <RowButton
              group="rules"
              variant="ghost"
              label={`Remove rule ${r + 1}`}
              onClick={() => remove(r)}
            >
              Remove rule
            </RowButton>
          )}
        </Group>
      ))}
      <RowButton group="rules" onClick={() => append(emptyRule())}>
        Add rule
      </RowButton>
    </Group>
  );
}

function ModePicker({ mode }: { mode: PermissionForm['mode'] }) {
  const { setValue, getValues } = useFormContext<PermissionForm>();
  const choose = (next: PermissionForm['mode']) => {
    setValue('mode', next, { shouldDirty: true });
    // Each mode starts with one row, so the choice shows something to fill in.
    if (next === 'rules' && getValues('rules').length === 0) {
      setValue('rules', [emptyRule()], { shouldDirty: true });
    }
    if (next === 'from' && getValues('from').length === 0) {
      setValue('from', [emptyFrom()], { shouldDirty: true });
    }
  };
  return (
    <fieldset className="gwf-kind" data-testid="permission-mode">
      <legend>Match callers by</legend>
      <label className="checkbox">
        <input
          type="radio"
          name="permission-mode"
          checked={mode === 'from'}
          onChange={() => choose('from')}
        />
        Tags and services (from[])
      </label>
      <label className="checkbox">
        <input
          type="radio"
          name="permission-mode"
          checked={mode === 'rules'}
          onChange={() => choose('rules')}
        />
        SPIFFE IDs and SNI (rules[], 2.12+: kuma-cp takes one or the other)
      </label>
    </fieldset>
  );
}

/** Before → after for the pair a fix is about. */
function FixEffectNote({
  fix,
  stored,
  draft,
  ctx,
}: {
  fix: PermissionFix;
  stored: readonly MeshTrafficPermission[] | undefined;
  draft: MeshTrafficPermission;
  ctx: FormContext;
}) {
  if (!ctx.meshResource || !stored) return null;
  const { before, after } = fixEffect(ctx.meshResource, stored, draft, fix);
  return (
    <div
      className={`banner ${after.allowed ? 'banner--info' : 'banner--warning'}`}
      role="status"
      data-testid="fix-effect"
      data-allowed={after.allowed}
    >
      <p>
        <strong>
          {fix.gateway} → {fix.service}:
        </strong>{' '}
        {before.allowed ? 'allowed today' : 'denied today'};{' '}
        {after.allowed ? 'allowed with this policy.' : 'still denied with this policy.'}
      </p>
      <p className="muted">{after.reason}</p>
    </div>
  );
}

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
              <Link to={`/trace?tab=check&mesh=${encodeURIComponent(mesh)}`}>
                Check the mesh again
              </Link>
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
                <RuleRows count={values.rules.length} />
              )}
            </Section>
          </>
        );
      }}
    </ResourceForm>
  );
}
