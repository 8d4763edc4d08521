import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ErrorAlert } from '@/components/directory-error-alert';
import { WaveDownload } from '@/components/wave-download';
import { WaveMembers } from '@/components/wave-members';
import { WaveProgress } from '@/components/wave-progress';
import { StepUpNotice } from '@/components/step-up-notice';
import { currentStepUpReason } from '@/lib/auth/step-up-check';
import { requireActor } from '@/lib/auth/current-actor';
import { MEMBER_STATE_LABEL, WAVE_STATE_LABEL } from '@/lib/migrations/labels';
import { exportFileName } from '@/lib/migrations/csv';
import { ensureRunning } from '@/lib/migrations/run';
import { FORMAT_LABEL } from '@/lib/migrations/types';
import { refusalText, waveView } from '@/lib/migrations/view';
import { firstParam, type SearchParams } from '@/lib/search-params';
import { utcDateTime } from '@/lib/text/utc';
import { approveWaveAction, cancelWaveAction, runWaveAction } from '../actions';

export const metadata: Metadata = { title: 'Migration wave' };

/** One wave: its preview, its four-eyes steps, its live progress and its one download (docs/migrations.md). */
export default async function WavePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const view = await waveView(actor, (await params).id);
  if (!view) notFound();
  const { wave, members, progress } = view;
  if (wave.state === 'running') ensureRunning(wave.id);
  const refusedCode = firstParam((await searchParams).refused);
  const refused = refusedCode === 'step-up' ? undefined : refusalText(refusedCode);
  // Approving, cancelling, running and the one download need the fresh sign-in of a reset: asked before anyone presses (lib/auth/step-up.ts).
  const asks = wave.state === 'awaiting-approval' || wave.state === 'approved' || (wave.state === 'finished' && !wave.exportedAt);
  const stepUp = asks ? await currentStepUpReason() : null;
  const button = (label: string, action: (formData: FormData) => Promise<void>, primary = false) => (
    <form action={action}>
      <input type="hidden" name="waveId" value={wave.id} />
      <button type="submit" className={primary ? 'button primary' : 'button'}>
        {label}
      </button>
    </form>
  );
  return (
    <>
      <h1>{wave.name}</h1>
      {refused ? <ErrorAlert title="Not done." action={refused} /> : null}
      {stepUp ? <StepUpNotice reason={stepUp} /> : null}
      <dl className="details">
        <dt>State</dt>
        <dd>{WAVE_STATE_LABEL[wave.state]}</dd>
        <dt>People</dt>
        <dd>{wave.source}</dd>
        <dt>Migration tool</dt>
        <dd>{FORMAT_LABEL[wave.format]}</dd>
        <dt>Freeze</dt>
        <dd>
          {utcDateTime(wave.freezeFrom)} to {utcDateTime(wave.freezeUntil)}: only admins may reset these people meanwhile
        </dd>
        <dt>Created</dt>
        <dd>
          {utcDateTime(wave.createdAt)} by {wave.createdBy.name}
        </dd>
        <dt>Approved</dt>
        <dd>{wave.approvedBy && wave.approvedAt ? `${utcDateTime(wave.approvedAt)} by ${wave.approvedBy.name}` : 'Not yet'}</dd>
        {wave.cancelledAt ? (
          <>
            <dt>Cancelled</dt>
            <dd>{utcDateTime(wave.cancelledAt)}</dd>
          </>
        ) : null}
      </dl>
      <div className="buttons">
        {wave.state === 'awaiting-approval' ? button('Approve wave', approveWaveAction, true) : null}
        {wave.state === 'approved' ? button('Run wave', runWaveAction, true) : null}
        {wave.state === 'awaiting-approval' || wave.state === 'approved' ? button('Cancel wave', cancelWaveAction) : null}
        {wave.state === 'finished' && !wave.exportedAt && wave.exportExpiresAt ? (
          <WaveDownload waveId={wave.id} fileName={exportFileName(wave.name, wave.format)} until={utcDateTime(wave.exportExpiresAt)} />
        ) : null}
        {wave.exportedAt ? <p className="muted">Downloaded {utcDateTime(wave.exportedAt)}; the passwords are deleted.</p> : null}
      </div>
      {wave.state === 'running' || wave.state === 'finished' ? <WaveProgress waveId={wave.id} initial={progress} /> : null}
      <WaveMembers caption="Not reset" members={members.filter((m) => m.state === 'failed')} labels={MEMBER_STATE_LABEL} />
      <WaveMembers
        caption={`Everyone in the wave: ${progress.done + progress.failed + progress.remaining} to reset, ${progress.excluded} excluded`}
        members={members}
        labels={MEMBER_STATE_LABEL}
      />
    </>
  );
}
