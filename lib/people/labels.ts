/** How people are named on pages: one place for the words and the address of a person's page. */
import type { PersonKind, PersonState } from '../directory/types';

export const STATE_LABEL: Record<PersonState, string> = { enabled: 'Enabled', disabled: 'Disabled', deleted: 'Deleted' };

export const KIND_LABEL: Record<PersonKind, string> = { person: 'Person', resource: 'Resource', service: 'System' };

/** A person's page: by the organization's alias (readable, stable) and the directory's id. */
export const personPath = (organizationAlias: string, personId: string) =>
  `/users/${encodeURIComponent(organizationAlias)}/${encodeURIComponent(personId)}`;
