import { Fragment, type ReactNode } from 'react';
import { type FieldValues, useFieldArray, useFormContext } from 'react-hook-form';
import { FieldMessages, fieldId, useDescribedBy, useIssues } from './issues';
import { emptyTagRow } from './model';

interface BaseFieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
}

function Hint({ id, children }: { id: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="gwf-hint">
      {children}
    </p>
  );
}

export function TextField({
  name,
  label,
  hint,
  className,
  placeholder,
  list,
  inputMode,
  readOnly,
  autoComplete = 'off',
  type = 'text',
}: BaseFieldProps & {
  placeholder?: string;
  list?: string;
  inputMode?: 'numeric' | 'text';
  readOnly?: boolean;
  autoComplete?: string;
  type?: 'text' | 'password';
}) {
  const { register } = useFormContext();
  const id = fieldId(name);
  const described = useDescribedBy(name, hint ? `${id}-hint` : undefined);
  return (
    <div className={`gwf-field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        placeholder={placeholder}
        list={list}
        inputMode={inputMode}
        readOnly={readOnly}
        autoComplete={autoComplete}
        spellCheck={false}
        {...described}
        {...register(name)}
      />
      <Hint id={`${id}-hint`}>{hint}</Hint>
      <FieldMessages name={name} />
    </div>
  );
}

export interface Choice {
  value: string;
  label: string;
  disabled?: boolean;
}

export function SelectField({
  name,
  label,
  hint,
  className,
  choices,
  onChoice,
}: BaseFieldProps & { choices: readonly Choice[]; onChoice?: (value: string) => void }) {
  const { register } = useFormContext();
  const id = fieldId(name);
  const described = useDescribedBy(name, hint ? `${id}-hint` : undefined);
  const registration = register(name);
  return (
    <div className={`gwf-field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        {...described}
        {...registration}
        onChange={(event) => {
          void registration.onChange(event);
          onChoice?.(event.target.value);
        }}
      >
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value} disabled={choice.disabled}>
            {choice.label}
          </option>
        ))}
      </select>
      <Hint id={`${id}-hint`}>{hint}</Hint>
      <FieldMessages name={name} />
    </div>
  );
}

export function CheckboxField({ name, label, hint, className }: BaseFieldProps) {
  const { register } = useFormContext();
  const id = fieldId(name);
  const described = useDescribedBy(name, hint ? `${id}-hint` : undefined);
  return (
    <div className={`gwf-field gwf-field--checkbox ${className ?? ''}`}>
      <span className="checkbox">
        <input id={id} type="checkbox" {...described} {...register(name)} />
        <label htmlFor={id}>{label}</label>
      </span>
      <Hint id={`${id}-hint`}>{hint}</Hint>
      <FieldMessages name={name} />
    </div>
  );
}

/** A group of fields with a legend and the group's own messages (e.g. "cannot be empty"). */
export function Group({
  name,
  legend,
  hint,
  children,
  testId,
  className,
}: {
  name?: string;
  legend: ReactNode;
  hint?: ReactNode;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  const id = name !== undefined ? fieldId(name) : undefined;
  const described = useDescribedBy(name, hint && id ? `${id}-hint` : undefined);
  return (
    <fieldset
      className={`gwf-group ${className ?? ''}`}
      data-testid={testId}
      id={id}
      aria-describedby={described['aria-describedby']}
    >
      <legend>{legend}</legend>
      {hint && (id ? <Hint id={`${id}-hint`}>{hint}</Hint> : <p className="gwf-hint">{hint}</p>)}
      {name !== undefined && <FieldMessages name={name} />}
      {children}
    </fieldset>
  );
}

/** Key/value rows for a tag map (selectors, gateway tags, listener tags, route target tags). */
export function TagRowsField({
  name,
  legend,
  hint,
  addLabel = 'Add tag',
  keyPlaceholder = 'name',
  valuePlaceholder = 'value',
}: {
  name: string;
  legend: string;
  hint?: ReactNode;
  addLabel?: string;
  keyPlaceholder?: string;
  valuePlaceholder?: string;
}) {
  const { control, register } = useFormContext<FieldValues>();
  const { fields, append, remove } = useFieldArray({ control, name });
  const issues = useIssues();
  return (
    <Group name={name} legend={legend} hint={hint} className="gwf-tags">
      {fields.length === 0 && <p className="muted gwf-empty">No tags.</p>}
      {fields.map((field, j) => {
        const keyName = `${name}.${j}.key`;
        const valueName = `${name}.${j}.value`;
        return (
          <div key={field.id} className="gwf-tag-row">
            <div className="gwf-field">
              <label htmlFor={fieldId(keyName)} className="visually-hidden">
                {legend}: tag {j + 1} name
              </label>
              <input
                id={fieldId(keyName)}
                placeholder={keyPlaceholder}
                autoComplete="off"
                spellCheck={false}
                {...describedByFor(issues.at(keyName), keyName)}
                {...register(keyName)}
              />
              <FieldMessages name={keyName} />
            </div>
            <span aria-hidden="true" className="gwf-tag-row__sep">
              :
            </span>
            <div className="gwf-field">
              <label htmlFor={fieldId(valueName)} className="visually-hidden">
                {legend}: tag {j + 1} value
              </label>
              <input
                id={fieldId(valueName)}
                placeholder={valuePlaceholder}
                autoComplete="off"
                spellCheck={false}
                {...describedByFor(issues.at(valueName), valueName)}
                {...register(valueName)}
              />
              <FieldMessages name={valueName} />
            </div>
            <button
              type="button"
              className="button button--small button--ghost"
              aria-label={`Remove tag ${j + 1} from ${legend}`}
              onClick={() => {
                issues.mark(name);
                remove(j);
              }}
            >
              Remove
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button button--small"
        onClick={() => {
          issues.mark(name);
          append(emptyTagRow());
        }}
      >
        {addLabel}
      </button>
    </Group>
  );
}

function describedByFor(issues: readonly { severity: string }[], name: string) {
  return {
    'aria-describedby': issues.length > 0 ? `${fieldId(name)}-messages` : undefined,
    'aria-invalid': issues.some((issue) => issue.severity === 'error') ? true : undefined,
  } as const;
}

/** A button that adds or removes a row and records the change on the rows' group. */
export function RowButton({
  group,
  onClick,
  children,
  label,
  variant = 'default',
}: {
  group: string;
  onClick: () => void;
  children: ReactNode;
  label?: string;
  variant?: 'default' | 'ghost';
}) {
  const issues = useIssues();
  return (
    <button
      type="button"
      className={`button button--small${variant === 'ghost' ? ' button--ghost' : ''}`}
      aria-label={label}
      onClick={() => {
        issues.mark(group);
        onClick();
      }}
    >
      {children}
    </button>
  );
}

/** One row of `FieldRows`: where it is, and its Remove button (null where it may not go). */
export interface FieldRow {
  index: number;
  /** The row's field path: `<name>.<index>`. */
  base: string;
  /** How many rows there are. */
  count: number;
  remove: ReactNode;
}

/**
 * The add/remove rows of one field array (matches, headers, backends, rules, hostnames, …): a
 * group with the array's messages, each row as `children` draws it with its Remove button, and
 * an Add button. Both buttons record the change on the group, so its messages show.
 */
export function FieldRows({
  name,
  legend,
  hint,
  className,
  testId,
  itemLabel,
  addText,
  removeText = 'Remove',
  newRow,
  keepOne = false,
  addOnlyWhenEmpty = false,
  empty,
  children,
}: {
  name: string;
  legend: ReactNode;
  /** A hint, or one that depends on the number of rows. */
  hint?: ReactNode | ((count: number) => ReactNode);
  className?: string;
  testId?: string;
  /** The row in "Remove <itemLabel> 2". */
  itemLabel: string;
  addText: ReactNode;
  removeText?: ReactNode;
  /** The row Add appends, given how many rows there are. */
  newRow: (count: number) => unknown;
  /** Shown in place of the rows while there are none. */
  empty?: ReactNode;
  /** The last row stays: no Remove button while there is one row. */
  keepOne?: boolean;
  /** With no rows, just the Add button: an unused kind of row takes one line. */
  addOnlyWhenEmpty?: boolean;
  children: (row: FieldRow) => ReactNode;
}) {
  const { control } = useFormContext<FieldValues>();
  const { fields, append, remove } = useFieldArray({ control, name });
  const add = (
    <RowButton group={name} onClick={() => append(newRow(fields.length) as FieldValues)}>
      {addText}
    </RowButton>
  );
  if (addOnlyWhenEmpty && fields.length === 0) return add;
  return (
    <Group
      name={name}
      legend={legend}
      hint={typeof hint === 'function' ? hint(fields.length) : hint}
      className={className}
      testId={testId}
    >
      {fields.length === 0 && empty}
      {fields.map((field, index) => (
        <Fragment key={field.id}>
          {children({
            index,
            base: `${name}.${index}`,
            count: fields.length,
            remove:
              keepOne && fields.length <= 1 ? null : (
                <RowButton
                  group={name}
                  variant="ghost"
                  label={`Remove ${itemLabel} ${index + 1}`}
                  onClick={() => remove(index)}
                >
                  {removeText}
                </RowButton>
              ),
          })}
        </Fragment>
      ))}
      {add}
    </Group>
  );
}
