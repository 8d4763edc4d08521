import 'server-only';
/**
 * A new wave and its preview (docs/migrations.md): the people of the groups (nested members
 * included) or of the pasted list, each with can()'s answer for the admin creating it. Those who
 * cannot be reset are kept, excluded, with the reason in the same words as everywhere; a pasted
 * name the directory does not know is listed too. The run asks can() again, person by person.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../access/actor';
import { organizationOf } from '../access/actor';
import { can, reasonText } from '../access/can';
import type { AuditDatabase } from '../audit/db';
import { database, writeTransaction } from '../audit/db';
import { appendWithin } from '../audit/store';
import { config } from '../config';
import { DirectoryError } from '../directory/errors';
import type { Person } from '../directory/types';
import { directory, wordingFor } from '../portal';
import type { NewWaveInput } from './schema';
import { insertWave } from './store';
import type { Wave, WaveMember } from './types';
import { refuseWave, type WaveResult } from './refuse';

async function peopleOf(organizationId: string, input: NewWaveInput): Promise<{ people: Person[]; unknown: string[] }> {
  const everyone = await directory().allPeople(organizationId);
  if (input.groups.length > 0) {
    const ids = new Set<string>();
    for (const group of input.groups) for (const id of await directory().membersOf(organizationId, group)) ids.add(id);
    return { people: everyone.filter((p) => ids.has(p.id)), unknown: [] };
  }
  const byName = new Map<string, Person>();
  for (const p of everyone) for (const name of [p.username, p.email, p.id]) if (name) byName.set(name.toLowerCase(), p);
  const people = new Map<string, Person>();
  const unknown: string[] = [];
  for (const entry of input.list) {
    const p = byName.get(entry.toLowerCase());
    if (p) people.set(p.id, p);
    else unknown.push(entry);
  }
  return { people: [...people.values()], unknown };
}

export async function createWave(actor: Actor, input: NewWaveInput, handle?: AuditDatabase): Promise<WaveResult> {
  const h = handle ?? (await database());
  const access = organizationOf(actor, input.organization);
  if (actor.role !== 'admin' || !access)
    return refuseWave(h, actor, undefined, 'not-an-admin', 'Only an admin can create a migration wave in this organization.');
  const organizationId = access.organizationId;

  let found;
  try {
    found = await peopleOf(organizationId, input);
  } catch (err) {
    if (!(err instanceof DirectoryError)) throw err;
    const text =
      err.code === 'group-not-found'
        ? 'One of the groups is not in this organization’s directory; check its name.'
        : wordingFor(organizationId).errors[err.code].title;
    return refuseWave(h, actor, undefined, `lookup-${err.code}`, text, organizationId);
  }

  const members: WaveMember[] = [];
  const sorted = [...found.people].sort((a, b) => (a.email ?? a.username).localeCompare(b.email ?? b.username));
  for (const person of sorted) {
    const decision = can(actor, 'reset', { ...person, groups: [] });
    members.push({
      position: members.length,
      personId: person.id,
      username: person.username,
      email: person.email,
      displayName: person.displayName,
      state: decision.allowed && person.email ? 'pending' : 'excluded',
      reason: decision.allowed
        ? person.email
          ? undefined
          : 'Has no email address, so no migration tool can sign in as them.'
        : reasonText(decision.reason, wordingFor(organizationId)),
    });
  }
  for (const name of found.unknown) {
    members.push({
      position: members.length,
      username: name,
      displayName: name,
      state: 'excluded',
      reason: 'Not found in this organization.',
    });
  }

  const included = members.filter((m) => m.state === 'pending').length;
  if (included === 0)
    return refuseWave(h, actor, undefined, 'empty', 'Nobody in this wave can be reset: there is nothing to run.', organizationId);
  const max = config().waves.maxPeople;
  if (included > max) {
    return refuseWave(
      h,
      actor,
      undefined,
      'too-many',
      `This wave has ${included} people; at most ${max} fit in one wave (WAVE_MAX_PEOPLE). Split it.`,
      organizationId,
    );
  }

  const now = new Date().toISOString();
  const wave: Wave = {
    id: randomUUID(),
    name: input.name,
    organizationId,
    source: input.groups.length > 0 ? `groups ${input.groups.join(', ')}` : `a list of ${input.list.length}`,
    format: input.format,
    freezeFrom: input.freezeFrom,
    freezeUntil: input.freezeUntil,
    state: 'awaiting-approval',
    createdBy: { subject: actor.subject, name: actor.name },
    createdAt: now,
  };
  await writeTransaction(h, async (tx) => {
    await insertWave(tx, wave, members);
    await appendWithin(tx, {
      type: 'wave.created',
      outcome: 'created',
      actor: { subject: actor.subject, email: actor.email, name: actor.name, role: actor.role },
      organizationId,
      waveId: wave.id,
      reason: `${wave.name}: ${included} to reset, ${members.length - included} excluded`,
    });
  });
  return { status: 'ok', waveId: wave.id };
}
