/** What the conflict dialog says: when and how a resource changed, and what saving again does. */
import type { Conflict } from '../../kuma/mutations/writes';

/** The dialog's title for a set of conflicts. */
export function conflictTitle(conflicts: readonly Conflict[]): string {
  return conflicts.some((conflict) => conflict.when !== 'before')
    ? 'Changed by someone else at the same moment'
    : 'Changed since you opened this form';
}

/** What happened to one resource, and what saving again would do. */
export function conflictText({ item, current, when }: Conflict): string {
  const { label } = item;
  if (when === 'after') {
    return current === undefined
      ? `${label} was deleted right after your save, by someone else at the same moment. Saving again creates it.`
      : `${label} was changed again right after your save, by someone saving at the same moment: what is stored now is not your version. Saving again replaces it with yours:`;
  }
  if (when === 'refused') {
    return current === undefined
      ? `${label} was changed by someone else while your save was being written, and the control plane refused it (409 Conflict); it is gone now. Saving again creates it.`
      : `${label} was changed by someone else while your save was being written, and the control plane refused it (409 Conflict): nothing of yours was stored. Saving again replaces their version with yours:`;
  }
  if (current === undefined) {
    return `${label} was deleted on the control plane since you opened this form. Saving creates it again.`;
  }
  return item.base
    ? `${label} was changed on the control plane since you opened this form. Saving replaces that change with your version:`
    : `${label} already exists on the control plane. Saving replaces it with your version:`;
}
