'use client';
import { useActionState } from 'react';
import { createWaveAction } from '@/app/(portal)/migrations/actions';
import type { NewWaveState } from '@/lib/migrations/form-state';
import { FORMAT_LABEL, WAVE_FORMATS } from '@/lib/migrations/types';

const IDLE: NewWaveState = { status: 'idle' };

/** The "new wave" form: groups or a pasted list, the tool's format and the freeze window (UTC). */
export function NewWaveForm({ organizations, now }: { organizations: Array<{ id: string; alias: string }>; now: string }) {
  const [state, action, pending] = useActionState(createWaveAction, IDLE);
  const inAWeek = new Date(Date.parse(`${now}:00Z`) + 7 * 86_400_000).toISOString().slice(0, 16);
  return (
    <form action={action} className="reset-form">
      {state.status === 'invalid' ? (
        <div role="alert" className="alert">
          <p>{state.message}</p>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="wave-name">Wave name</label>
        <input id="wave-name" name="name" required maxLength={100} />
      </div>
      <div className="field">
        <label htmlFor="wave-organization">Organization</label>
        <select id="wave-organization" name="organization">
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.alias}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="wave-groups">Groups</label>
        <input id="wave-groups" name="groups" aria-describedby="wave-groups-hint" />
        <span id="wave-groups-hint" className="muted">
          Group names, separated by commas; members of nested groups are included.
        </span>
      </div>
      <div className="field">
        <label htmlFor="wave-list">Or usernames or emails</label>
        <textarea id="wave-list" name="list" rows={4} aria-describedby="wave-list-hint" />
        <span id="wave-list-hint" className="muted">
          One per line; names the directory does not know are listed, not fatal.
        </span>
      </div>
      <div className="field">
        <label htmlFor="wave-format">Migration tool</label>
        <select id="wave-format" name="format">
          {WAVE_FORMATS.map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABEL[f]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="wave-freeze-from">Freeze from (UTC)</label>
        <input id="wave-freeze-from" name="freezeFrom" type="datetime-local" defaultValue={now} required />
      </div>
      <div className="field">
        <label htmlFor="wave-freeze-until">Freeze until (UTC)</label>
        <input id="wave-freeze-until" name="freezeUntil" type="datetime-local" defaultValue={inAWeek} required />
      </div>
      <div className="buttons">
        <button type="submit" className="button primary" disabled={pending}>
          Preview wave
        </button>
      </div>
    </form>
  );
}
