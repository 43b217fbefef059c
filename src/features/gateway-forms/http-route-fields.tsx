/**
 * An HTTP route's fields: hostname groups, each with hostnames and rules; a rule's matches
 * (path, method, headers, query parameters) and backends. Every list of rows is a `FieldRows`.
 */
import { type FieldValues, useFieldArray, useFormContext } from 'react-hook-form';
import { type Choice, FieldRows, Group, RowButton, SelectField, TextField } from './fields';
import { FieldMessages, fieldId, useIssues } from './issues';
import {
  type BackendRefChoice,
  emptyHttpRule,
  emptyMatch,
  type FormContext,
  type HttpRouteForm,
} from './model';
import { Section } from './page-parts';
import { BackendRows, type ServiceOptions } from './route-fields';

const PATH_TYPES: Choice[] = [
  { value: 'PathPrefix', label: 'Prefix' },
  { value: 'Exact', label: 'Exact' },
  { value: 'RegularExpression', label: 'Regular expression' },
  { value: '', label: '(any path)' },
];

const METHODS: Choice[] = [
  { value: '', label: '(any method)' },
  ...['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE'].map(
    (method) => ({ value: method, label: method }),
  ),
];

const HEADER_TYPES: Choice[] = ['Exact', 'Prefix', 'RegularExpression', 'Present', 'Absent'].map(
  (type) => ({ value: type, label: type }),
);

const QUERY_TYPES: Choice[] = ['Exact', 'RegularExpression'].map((type) => ({
  value: type,
  label: type,
}));

function KeyValueMatchRows({
  name,
  legend,
  types,
  itemLabel,
}: {
  name: string;
  legend: string;
  types: Choice[];
  itemLabel: string;
}) {
  return (
    <FieldRows
      name={name}
      legend={legend}
      itemLabel={itemLabel.toLowerCase()}
      addText={`Add ${itemLabel.toLowerCase()} match`}
      newRow={() => ({ type: types[0]?.value ?? 'Exact', name: '', value: '' })}
      addOnlyWhenEmpty
    >
      {({ index: n, base, remove }) => (
        <div className="gwf-row">
          <SelectField
            name={`${base}.type`}
            label={`${itemLabel} ${n + 1}: match type`}
            choices={types}
          />
          <TextField name={`${base}.name`} label={`${itemLabel} ${n + 1}: name`} />
          <TextField name={`${base}.value`} label={`${itemLabel} ${n + 1}: value`} />
          {remove}
        </div>
      )}
    </FieldRows>
  );
}

function MatchRows({ name }: { name: string }) {
  return (
    <FieldRows
      name={name}
      legend="Matches"
      hint={(count) =>
        count > 1 ? 'A request matches the rule when it matches any of these.' : undefined
      }
      itemLabel="match"
      addText="Add match"
      removeText="Remove match"
      newRow={() => emptyMatch()}
      keepOne
    >
      {({ index: m, base, remove }) => (
        <Group name={base} legend={`Match ${m + 1}`} className="gwf-match">
          <div className="gwf-grid">
            <SelectField name={`${base}.pathType`} label="Path match" choices={PATH_TYPES} />
            <TextField name={`${base}.pathValue`} label="Path" placeholder="/" />
            <SelectField name={`${base}.method`} label="Method" choices={METHODS} />
          </div>
          <div className="gwf-match-extras">
            <KeyValueMatchRows
              name={`${base}.headers`}
              legend="Headers"
              types={HEADER_TYPES}
              itemLabel="Header"
            />
            <KeyValueMatchRows
              name={`${base}.queryParams`}
              legend="Query parameters"
              types={QUERY_TYPES}
              itemLabel="Query"
            />
          </div>
          {remove}
        </Group>
      )}
    </FieldRows>
  );
}

function HostnameRows({ name }: { name: string }) {
  return (
    <FieldRows
      name={name}
      legend="Hostnames"
      hint="Limits the rules to these hosts (they must overlap the listener's hostname). None: every host the listener serves."
      itemLabel="hostname"
      addText="Add hostname"
      newRow={() => ({ value: '' })}
    >
      {({ index: h, base, remove }) => (
        <div className="gwf-row">
          <TextField
            name={`${base}.value`}
            label={`Hostname ${h + 1}`}
            placeholder="api.example.com"
          />
          {remove}
        </div>
      )}
    </FieldRows>
  );
}

function filterText(filter: unknown): string {
  const type = (filter as { type?: unknown })?.type;
  return typeof type === 'string' ? type : 'filter';
}

function RuleRows({
  name,
  values,
  choices,
  services,
  ctx,
}: {
  name: string;
  values: HttpRouteForm['entries'][number]['rules'];
  choices: BackendRefChoice[];
  services: ServiceOptions;
  ctx: FormContext;
}) {
  return (
    <FieldRows
      name={name}
      legend="Rules"
      hint="The most specific match wins: exact paths before prefixes, longer before shorter."
      itemLabel="rule"
      addText="Add rule"
      removeText="Remove rule"
      newRow={() => emptyHttpRule(choices[0])}
      keepOne
    >
      {({ index: r, base, remove }) => {
        const rule = values[r];
        return (
          <Group name={base} legend={`Rule ${r + 1}`} testId={`rule-${r}`} className="gwf-rule">
            <MatchRows name={`${base}.matches`} />
            {(rule?.filters.length ?? 0) > 0 && (
              <div className="gwf-field">
                <p id={fieldId(`${base}.filters`)} tabIndex={-1}>
                  Filters kept as stored: {rule?.filters.map(filterText).join(', ')}
                </p>
                <FieldMessages name={`${base}.filters`} />
              </div>
            )}
            <BackendRows
              name={`${base}.backends`}
              backends={rule?.backends ?? []}
              choices={choices}
              services={services}
              ctx={ctx}
            />
            {remove}
          </Group>
        );
      }}
    </FieldRows>
  );
}

export function HttpFields({
  values,
  choices,
  services,
  ctx,
}: {
  values: HttpRouteForm;
  choices: BackendRefChoice[];
  services: ServiceOptions;
  ctx: FormContext;
}) {
  const { control } = useFormContext<FieldValues>();
  const entries = useFieldArray({ control, name: 'entries' });
  const issues = useIssues();
  return (
    <Section title="Hostnames and rules" testId="route-rules">
      <FieldMessages name="entries" />
      {entries.fields.map((field, t) => (
        <Group
          key={field.id}
          name={`entries.${t}`}
          legend={entries.fields.length > 1 ? `Hostname group ${t + 1}` : 'Hostnames and rules'}
          className="gwf-entry"
        >
          <HostnameRows name={`entries.${t}.hostnames`} />
          <RuleRows
            name={`entries.${t}.rules`}
            values={values.entries[t]?.rules ?? []}
            choices={choices}
            services={services}
            ctx={ctx}
          />
          {entries.fields.length > 1 && (
            <RowButton
              group="entries"
              variant="ghost"
              label={`Remove hostname group ${t + 1}`}
              onClick={() => entries.remove(t)}
            >
              Remove hostname group
            </RowButton>
          )}
        </Group>
      ))}
      <button
        type="button"
        className="button"
        onClick={() => {
          issues.mark('entries');
          entries.append({ hostnames: [{ value: '' }], rules: [emptyHttpRule(choices[0])] });
        }}
      >
        Add hostname group
      </button>
    </Section>
  );
}
