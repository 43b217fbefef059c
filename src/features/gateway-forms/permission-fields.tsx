import { useFormContext } from 'react-hook-form';
import type { MeshTrafficPermission } from '../../kuma/types';
import type { PermissionFix } from '../../lib/fix-links';
import { type Choice, FieldRows, Group, SelectField, TagRowsField, TextField } from './fields';
import { FieldMessages } from './issues';
import type { FormContext } from './model';
import {
  emptyFrom,
  emptyMatch,
  emptyRule,
  fieldsOfKind,
  MATCH_LISTS,
  type MatchList,
  PERMISSION_ACTIONS,
  PERMISSION_FROM_KINDS,
  type PermissionForm,
  type TargetRefForm,
} from './permission-convert';
import { fixEffect } from './permission-effect';

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

export function TargetRefFields({
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

export function FromRows({ values, kubernetes }: { values: PermissionForm; kubernetes: boolean }) {
  return (
    <FieldRows
      name="from"
      legend="From: who may call"
      hint="When several entries match a caller, the later one wins."
      itemLabel="caller"
      addText="Add caller"
      removeText="Remove caller"
      newRow={() => emptyFrom()}
    >
      {({ index: i, base, remove }) => {
        const entry = values.from[i];
        return (
          <Group name={base} legend={`Caller ${i + 1}`} className="gwf-match" testId={`from-${i}`}>
            {entry && (
              <TargetRefFields
                base={`${base}.target`}
                label={`Caller ${i + 1}`}
                kinds={PERMISSION_FROM_KINDS}
                target={entry.target}
                kubernetes={kubernetes}
              />
            )}
            <SelectField
              name={`${base}.action`}
              label={`Caller ${i + 1}: action`}
              choices={[...PERMISSION_ACTIONS, ...(entry?.action === '' ? [''] : [])].map(
                (action) => ({ value: action, label: ACTION_LABELS[action] ?? action }),
              )}
            />
            {remove}
          </Group>
        );
      }}
    </FieldRows>
  );
}

function MatchRows({ name, list }: { name: string; list: MatchList }) {
  const label = LIST_LABELS[list];
  return (
    <FieldRows
      name={name}
      legend={label}
      itemLabel={`${label.toLowerCase()} match`}
      addText={`Add ${label.toLowerCase()} match`}
      newRow={() => emptyMatch()}
      addOnlyWhenEmpty
    >
      {({ index: m, base, remove }) => (
        <div className="gwf-row">
          <SelectField
            name={`${base}.spiffeType`}
            label={`${label} ${m + 1}: SPIFFE ID match`}
            choices={[
              { value: 'Exact', label: 'Exact' },
              { value: 'Prefix', label: 'Prefix' },
              { value: '', label: '(none)' },
            ]}
          />
          <TextField
            name={`${base}.spiffeValue`}
            label={`${label} ${m + 1}: SPIFFE ID`}
            placeholder="spiffe://default.zone.mesh.local/ns/…"
          />
          <TextField name={`${base}.sniValue`} label={`${label} ${m + 1}: SNI (exact)`} />
          {remove}
        </div>
      )}
    </FieldRows>
  );
}

export function RuleRows() {
  return (
    <FieldRows
      name="rules"
      legend="Rules: SPIFFE ID and SNI matches"
      hint="A deny match always wins; without any match a request is denied. Needs MeshIdentity."
      itemLabel="rule"
      addText="Add rule"
      removeText="Remove rule"
      newRow={() => emptyRule()}
      keepOne
    >
      {({ index: r, base, remove }) => (
        <Group name={base} legend={`Rule ${r + 1}`} className="gwf-rule">
          {MATCH_LISTS.map((list) => (
            <MatchRows key={list} name={`${base}.${list}`} list={list} />
          ))}
          {remove}
        </Group>
      )}
    </FieldRows>
  );
}

export function ModePicker({ mode }: { mode: PermissionForm['mode'] }) {
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
export function FixEffectNote({
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
