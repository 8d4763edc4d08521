import 'server-only';
/**
 * The wave's one download (docs/migrations.md). In one transaction: the step is decided again, the
 * wave marked downloaded, its sealed passwords read and deleted, and the download recorded; so two
 * clicks at once get one file, and no password outlives the file it went into.
 */
import type { Actor } from '../access/actor';
import { database, writeTransaction, type AuditDatabase } from '../audit/db';
import { appendWithin } from '../audit/store';
import { exportCsv, exportFileName, type ExportRow } from './csv';
import { refuseWave } from './refuse';
import { secretContext } from './reset-member';
import { open } from './secret-box';
import { decideStep, STEP_REFUSAL_TEXT, type StepRefusal } from './state';
import { findWave, purgeSecrets } from './store';
import { NOT_FOUND } from './steps';

export type ExportResult =
  | { status: 'ok'; fileName: string; csv: string; unreadable: number }
  | { status: 'refused'; refusal: StepRefusal | 'not-found'; message: string };

export async function takeExport(actor: Actor, waveId: string, handle?: AuditDatabase, now = new Date()): Promise<ExportResult> {
  const h = handle ?? (await database());
  await purgeSecrets(h.db, now);
  const taken = await writeTransaction(h, async (tx) => {
    const wave = await findWave(tx, waveId);
    if (!wave || actor.role !== 'admin' || !actor.organizations.has(wave.organizationId))
      return { kind: 'refused' as const, refusal: 'not-found' as const };
    const decision = decideStep(wave, 'export', actor.subject, now);
    if (!decision.allowed) return { kind: 'refused' as const, refusal: decision.refusal, wave };
    await tx
      .updateTable('migration_waves')
      .set({ exported_at: now.toISOString(), exported_by: actor.subject })
      .where('id', '=', waveId)
      .where('exported_at', 'is', null)
      .execute();
    const rows = await tx
      .selectFrom('migration_wave_people')
      .select(['position', 'email', 'username', 'secret'])
      .where('wave_id', '=', waveId)
      .where('state', '=', 'succeeded')
      .orderBy('position')
      .execute();
    await tx.updateTable('migration_wave_people').set({ secret: null }).where('wave_id', '=', waveId).execute();
    await appendWithin(tx, {
      type: 'wave.exported',
      outcome: 'exported',
      actor: { subject: actor.subject, email: actor.email, name: actor.name, role: actor.role },
      organizationId: wave.organizationId,
      waveId,
      reason: `${wave.name}: ${rows.length} passwords, ${wave.format}`,
    });
    return { kind: 'taken' as const, wave, rows };
  });
  if (taken.kind === 'refused') {
    const message = taken.refusal === 'not-found' ? NOT_FOUND : STEP_REFUSAL_TEXT[taken.refusal];
    await refuseWave(
      h,
      actor,
      taken.refusal === 'not-found' ? undefined : waveId,
      `export-${taken.refusal}`,
      message,
      taken.wave?.organizationId,
    );
    return { status: 'refused', refusal: taken.refusal, message };
  }
  const rows: ExportRow[] = [];
  let unreadable = 0;
  for (const r of taken.rows) {
    const password = r.secret ? open(r.secret, secretContext(waveId, r.position)) : undefined;
    if (password && r.email) rows.push({ email: r.email, username: r.username, password });
    else unreadable++;
  }
  return {
    status: 'ok',
    fileName: exportFileName(taken.wave.name, taken.wave.format),
    csv: exportCsv(taken.wave.format, rows),
    unreadable,
  };
}
