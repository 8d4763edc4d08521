'use server';
/** The migration wave steps (docs/migrations.md): thin, the rules are in lib/migrations. */
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/current-actor';
import { refuseWithoutStepUp } from '@/lib/auth/step-up-check';
import { createWave } from '@/lib/migrations/create';
import { ensureRunning } from '@/lib/migrations/run';
import { newWaveSchema } from '@/lib/migrations/schema';
import { takeStep } from '@/lib/migrations/steps';
import type { NewWaveState } from '@/lib/migrations/form-state';

const FIELDS = ['name', 'organization', 'groups', 'list', 'format', 'freezeFrom', 'freezeUntil'] as const;

async function admin() {
  const actor = await getActor();
  if (!actor) redirect('/sign-in');
  if (actor.role === 'none') redirect('/no-access');
  return actor;
}

export async function createWaveAction(_previous: NewWaveState, formData: FormData): Promise<NewWaveState> {
  const actor = await admin();
  const raw = Object.fromEntries(FIELDS.map((f) => [f, String(formData.get(f) ?? '')]));
  const parsed = newWaveSchema.safeParse(raw);
  if (!parsed.success) return { status: 'invalid', message: parsed.error.issues.map((i) => i.message).join(' ') };
  const result = await createWave(actor, parsed.data);
  if (result.status !== 'ok') return { status: 'invalid', message: result.message };
  redirect(`/migrations/${result.waveId}`);
}

async function step(formData: FormData, name: 'approve' | 'cancel' | 'run') {
  const actor = await admin();
  const waveId = String(formData.get('waveId') ?? '').slice(0, 64);
  // Each step leads to resets (or stops them): the fresh sign-in a single reset needs (lib/auth/step-up.ts), refused and audited here.
  if (await refuseWithoutStepUp(actor, {})) redirect(`/migrations/${encodeURIComponent(waveId)}?refused=step-up`);
  const result = await takeStep(actor, waveId, name);
  if (result.status !== 'ok') redirect(`/migrations/${encodeURIComponent(waveId)}?refused=${encodeURIComponent(result.code)}`);
  if (name === 'run') ensureRunning(waveId);
  redirect(`/migrations/${encodeURIComponent(waveId)}`);
}

export async function approveWaveAction(formData: FormData) {
  await step(formData, 'approve');
}

export async function cancelWaveAction(formData: FormData) {
  await step(formData, 'cancel');
}

export async function runWaveAction(formData: FormData) {
  await step(formData, 'run');
}
