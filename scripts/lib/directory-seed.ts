/**
 * The demo people and groups for the test directories (Samba AD and OpenLDAP), taken from the
 * WorkMail emulator's demo seed so every provider shows the same organization: the same usernames,
 * display names, groups (with `platform` nested in `engineering`) and the disabled sam.lee.
 * Resource and system mailboxes have no counterpart among directory people and are left out.
 */
import { demoSeed } from '../../emulators/workmail/seed';

/** Every seeded person's starting password; it meets both servers' password policies. */
export const SEED_PASSWORD = 'Demo-Pass-2026!';
/** The portal's delegated service account (may reset people's passwords, nothing more). */
export const SERVICE_ACCOUNT = { username: 'svc-portal', password: 'Portal-Svc-2026!' };
/** A person with every right (outside the people's OU): the delegation must not reach them. */
export const OUTSIDER = { username: 'ops.admin', displayName: 'Ops Admin' };
export const MAIL_DOMAIN = 'example.com';

export interface SeedPerson {
  username: string;
  displayName: string;
  givenName: string;
  surname: string;
  disabled: boolean;
  groups: string[];
  aliases: string[];
  title?: string;
}

export interface SeedGroup {
  name: string;
  /** Groups this group is a member of. */
  parents: string[];
}

export function directorySeed(): { people: SeedPerson[]; groups: SeedGroup[] } {
  const example = demoSeed().organizations[0]!;
  const people = (example.users ?? [])
    .filter((u) => (u.role ?? 'USER') === 'USER')
    .map((u) => ({
      username: u.name,
      displayName: u.displayName,
      givenName: u.firstName ?? u.displayName,
      surname: u.lastName || u.displayName,
      disabled: u.state === 'DISABLED',
      groups: u.groups ?? [],
      aliases: u.aliases ?? [],
      title: u.jobTitle,
    }));
  const groups = (example.groups ?? []).map((g) => ({ name: g.name, parents: g.groups ?? [] }));
  return { people, groups };
}

/**
 * Groups with nested groups first, so a group exists before the group that lists it as a member
 * (OpenLDAP's memberof overlay only marks entries that exist). The demo nests one level deep.
 */
export function groupsChildrenFirst(groups: SeedGroup[]): SeedGroup[] {
  const done = new Set<string>();
  const out: SeedGroup[] = [];
  const visit = (g: SeedGroup) => {
    if (done.has(g.name)) return;
    done.add(g.name);
    out.push(g);
  };
  for (const g of groups.filter((x) => x.parents.length > 0)) visit(g);
  for (const g of groups) visit(g);
  return out;
}
