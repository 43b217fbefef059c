import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import { Link, useLocation } from 'react-router';
import { canonicalJson } from '../../kuma/mutations/resource-version';
import { meshListQuery } from '../../kuma/queries/meshes';
import { useKumaApi } from '../../ui/api-context';
import { saveDraft } from './drafts';
import { FieldMessages, fieldId, useDescribedBy } from './issues';

export function FormBreadcrumbs({ trail }: { trail: { label: string; to?: string }[] }) {
  return (
    <nav className="breadcrumbs gw-name" aria-label="Breadcrumbs">
      {trail.map((step, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a breadcrumb trail is positional
        <span key={i}>
          {i > 0 && ' / '}
          {step.to ? (
            <Link to={step.to}>{step.label}</Link>
          ) : (
            <span aria-current="page">{step.label}</span>
          )}
        </span>
      ))}
    </nav>
  );
}

/**
 * The mesh a new resource goes into. It is part of the page address (and of the draft's key):
 * switching carries what was typed over to the other mesh's draft.
 */
export function MeshPicker({
  value,
  onChange,
  draftKeyFor,
}: {
  value: string;
  onChange: (mesh: string) => void;
  draftKeyFor: (mesh: string) => string;
}) {
  const api = useKumaApi();
  const meshes = useQuery(meshListQuery(api));
  // Outside a form (the Kubernetes guide) there is nothing to carry over.
  const form = useFormContext() as ReturnType<typeof useFormContext> | null;
  const names = (meshes.data ?? []).map((entry) => entry.mesh.name);
  const choices = names.includes(value) || value === '' ? names : [value, ...names];
  const described = useDescribedBy('mesh');
  const location = useLocation();
  return (
    <div className="gwf-field">
      <label htmlFor={fieldId('mesh')}>Mesh</label>
      <select
        id={fieldId('mesh')}
        value={value}
        {...described}
        onChange={(event) => {
          const next = event.target.value;
          // Compared now, not at render: this element is created once by the page.
          const values = form?.getValues();
          if (form && canonicalJson(values) !== canonicalJson(form.formState.defaultValues)) {
            // The draft belongs to the other mesh's form now: its address says so.
            const params = new URLSearchParams(location.search);
            params.set('mesh', next);
            saveDraft(draftKeyFor(next), {
              savedAt: new Date().toISOString(),
              values,
              at: `${location.pathname}?${params.toString()}`,
            });
          }
          onChange(next);
        }}
      >
        {value === '' && <option value="">Choose a mesh…</option>}
        {choices.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <FieldMessages name="mesh" />
    </div>
  );
}

/** A form section: a card with a heading. */
export function Section({
  title,
  children,
  testId,
  description,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
  description?: ReactNode;
}) {
  const id = `gwf-section-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className="card gwf-section" aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>{title}</h2>
      {description && <div className="gwf-section__description">{description}</div>}
      {children}
    </section>
  );
}
