import 'server-only';
/** A wave as its page shows it, for an admin of its organization; undefined for anyone else or no such wave. */
import type { Actor } from '../access/actor';
import { database } from '../audit/db';
import { STEP_REFUSAL_TEXT, type StepRefusal } from './state';
import { findWave, listWaves, purgeSecrets, waveMembers, waveProgress } from './store';
import { NOT_FOUND } from './steps';

export async function waveView(actor: Actor, id: string) {
  if (actor.role !== 'admin' || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
  const { db } = await database();
  await purgeSecrets(db, new Date());
  const wave = await findWave(db, id);
  if (!wave || !actor.organizations.has(wave.organizationId)) return undefined;
  return { wave, members: await waveMembers(db, id), progress: await waveProgress(db, wave) };
}

export async function wavesOf(actor: Actor) {
  const { db } = await database();
  return (await listWaves(db)).filter((w) => actor.organizations.has(w.organizationId));
}

/** The words for a refusal code a step redirected with (`?refused=`); unknown codes get the plain "no such wave". */
export function refusalText(code: string | undefined): string | undefined {
  if (!code) return undefined;
  const bare = code.replace(/^export-/, '');
  return bare in STEP_REFUSAL_TEXT ? STEP_REFUSAL_TEXT[bare as StepRefusal] : NOT_FOUND;
}
