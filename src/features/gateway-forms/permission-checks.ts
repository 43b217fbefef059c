/**
 * The MeshTrafficPermission form's checks: the policy it stands for is judged by the same
 * admission kuma-cp's PUT runs here (`src/kuma/validation`, shared with the demo), and every
 * violation is mapped to the field that shows it. The only checks written here guard what the
 * form's rows can hold (a tag name typed twice, an empty row).
 */
import type { MeshTrafficPermission } from '../../kuma/types';
import { duplicateTagRows, error, type FormCheck, serverVerdict } from './checks';
import {
  FORM_ROOT,
  type FormIssue,
  issuesFromViolations,
  type PathSegment,
  parseKumaPath,
  tagRowField,
} from './field-paths';
import type { FormContext } from './model';
import {
  MATCH_LISTS,
  type PermissionForm,
  type PermissionMeta,
  permissionFromForm,
  type TargetRefForm,
} from './permission-convert';

export const MSG_EMPTY_MATCH = 'enter a SPIFFE ID or an SNI, or remove this match';

const isIndex = (segment: PathSegment | undefined): segment is number =>
  typeof segment === 'number';

/** `…targetRef.<field>…` below `base` (`target` or `from.<i>.target`). */
function targetField(
  base: string,
  target: TargetRefForm | undefined,
  rest: readonly PathSegment[],
  message: string,
): string {
  const [field] = rest;
  switch (field) {
    case 'kind':
    case 'name':
    case 'namespace':
    case 'sectionName':
      return `${base}.${field}`;
    case 'tags':
    case 'labels':
      return tagRowField(`${base}.${field}`, target?.[field] ?? [], rest.slice(1), message);
    default:
      return base;
  }
}

/** Kuma paths (`spec.from[1].default.action`) → form fields (`from.1.action`). */
export function permissionField(path: string, message: string, form: PermissionForm): string {
  const segments = parseKumaPath(path);
  const [first, second, index, field, ...rest] = segments;
  if (segments.length === 1 && first === 'name') return 'name';
  if (first !== 'spec') return FORM_ROOT;
  if (second === undefined) return form.mode === 'rules' ? 'rules' : 'from';
  if (second === 'targetRef') return targetField('target', form.target, segments.slice(2), message);
  if (second === 'from') {
    if (!isIndex(index)) return 'from';
    const base = `from.${index}`;
    if (field === 'targetRef')
      return targetField(`${base}.target`, form.from[index]?.target, rest, message);
    if (field === 'default') return `${base}.action`;
    return base;
  }
  if (second === 'rules') {
    if (!isIndex(index)) return 'rules';
    const base = `rules.${index}`;
    const [m, kind, leaf] = rest;
    if (typeof field !== 'string' || !(MATCH_LISTS as readonly string[]).includes(field))
      return base;
    if (!isIndex(m)) return `${base}.${field}`;
    const match = `${base}.${field}.${m}`;
    if (kind === 'spiffeID') return `${match}.spiffeValue`;
    if (kind === 'sni') return leaf === 'type' ? `${match}.sniType` : `${match}.sniValue`;
    return match;
  }
  return FORM_ROOT;
}

function targetRowIssues(base: string, target: TargetRefForm): FormIssue[] {
  return [
    ...duplicateTagRows(`${base}.tags`, target.tags),
    ...duplicateTagRows(`${base}.labels`, target.labels),
  ];
}

export function checkPermissionForm(
  form: PermissionForm,
  ctx: FormContext,
  meta: PermissionMeta,
  options: { isNew: boolean },
): FormCheck<{ policy: MeshTrafficPermission }> {
  const policy = permissionFromForm(form, meta);
  const toField = (path: string, message: string) => permissionField(path, message, form);
  const errors: FormIssue[] = [
    ...issuesFromViolations(
      serverVerdict('MeshTrafficPermission', policy, ctx, options.isNew),
      toField,
    ),
    ...targetRowIssues('target', form.target),
  ];
  if (form.mode === 'from') {
    form.from.forEach((entry, i) => {
      errors.push(...targetRowIssues(`from.${i}.target`, entry.target));
    });
  } else {
    form.rules.forEach((rule, r) => {
      for (const list of MATCH_LISTS) {
        rule[list].forEach((match, m) => {
          if (match.spiffeValue === '' && match.sniValue === '' && match.sniType === '') {
            errors.push(error(`rules.${r}.${list}.${m}.spiffeValue`, MSG_EMPTY_MATCH));
          }
        });
      }
    });
  }
  return { resources: { policy }, errors, warnings: [] };
}
