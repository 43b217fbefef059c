/**
 * A certificate's secret name, picked from the mesh's secrets: a text input with a native
 * `<datalist>` (Chromium exposes it as a combobox), so a name not in the list can still be typed
 * (the form then warns that the mesh has no such secret). Names only: the query behind it never
 * holds secret data. When the list is refused (403: Secrets are admin-only) or the mesh is
 * unknown (404), the field is plain free text with a one-line note why.
 */
import { useQuery } from '@tanstack/react-query';
import { secretNamesQuery } from '../../kuma/queries/secrets';
import { useKumaApi } from '../../ui/api-context';
import { TextField } from './fields';
import { fieldId } from './issues';
import { type SecretListState, secretListNote } from './secret-check';
import './secret-picker.css';

/** The mesh's secret names for the picker (shared with the form's warning through the cache). */
export function useSecretNames(mesh: string) {
  const api = useKumaApi();
  return useQuery({ ...secretNamesQuery(api, mesh), enabled: mesh !== '' });
}

export function SecretNameField({
  name,
  label,
  mesh,
}: {
  name: string;
  label: string;
  mesh: string;
}) {
  const query = useSecretNames(mesh);
  const state: SecretListState =
    query.status === 'success'
      ? { status: 'success', data: query.data }
      : query.status === 'error'
        ? { status: 'error', message: query.error.message }
        : { status: 'pending' };
  const names = query.data?.readable ? query.data.names : undefined;
  const listId = `${fieldId(name)}-secrets`;
  return (
    <div className="gwf-secret" data-testid="secret-picker">
      <TextField
        name={name}
        label={label}
        list={names ? listId : undefined}
        hint={secretListNote(state, mesh)}
      />
      {names && (
        <datalist id={listId} data-testid="secret-options">
          {names.map((secret) => (
            <option key={secret} value={secret} />
          ))}
        </datalist>
      )}
    </div>
  );
}
