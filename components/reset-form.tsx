'use client';

import { startTransition, useActionState, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { resetPasswordAction } from '@/app/(portal)/users/[org]/[user]/actions';
import { checklist, type PasswordPolicy } from '@/lib/password/policy';
import { STRENGTH_LABELS } from '@/lib/password/labels';
import type { Remaining } from '@/lib/reset/rate-limit';
import type { HandoverMode } from '@/lib/reset/handover-mode';
import { IDLE, type ResetResult } from '@/lib/reset/result';
import { ConfirmResetDialog } from './confirm-reset-dialog';
import { ErrorAlert } from './directory-error-alert';
import { PasswordChoice, type PasswordState } from './password-choice';
import { ResetSuccess, type DirectoryFacts } from './reset-success';
import { StepUpNotice } from './step-up-notice';
import { useStrength } from './use-strength';

export interface ResetFormProps {
  organizationId: string;
  userId: string;
  binding: string;
  /** The person's display name, for the confirmation's title. */
  personName: string;
  /** The person's page, where a new sign-in comes back to. */
  personPath: string;
  /** The person's sign-in name, for password managers (never the operator's). */
  signInName: string;
  contextWords: string[];
  policy: PasswordPolicy;
  /** What the page needs to know of the person's directory (lib/portal.ts). */
  directory: DirectoryFacts;
  /** Resets left this hour (lib/reset/rate-limit.ts `remaining`), shown before confirming. */
  remaining: Remaining;
  /** HANDOVER_MODE: with `link` the operator never sees the password (the server makes it). */
  handoverMode: HandoverMode;
  /** Who the portal will notify of the reset, in words ("Jane Doe, by email"); undefined: nobody. */
  notifiedWho?: string;
  /** Where the directory's own log names only the portal, the sentence that says so (lib/reset/accountability.ts). */
  activityLogNotice?: string;
}

type Unmet = { id: string; text: string };

export function ResetForm(props: ResetFormProps) {
  const { organizationId, userId, binding, signInName, policy, directory } = props;
  const serverMakesPassword = props.handoverMode === 'link';
  const [state, setState] = useState<PasswordState>({ choice: 'none', password: '', confirmation: '' });
  const [reason, setReason] = useState('');
  const [blocked, setBlocked] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [requireChange, setRequireChange] = useState(true);
  const [handedOver, setHandedOver] = useState<string | undefined>();
  const form = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const sent = useRef('');
  const { score, start } = useStrength(state.password, props.contextWords);
  const [result, dispatch, pending] = useActionState(async (previous: ResetResult, formData: FormData) => {
    const next = await resetPasswordAction(previous, formData);
    // The password stays in this page's memory for the show-once result only (never in the answer).
    if (next.status === 'success') setHandedOver(serverMakesPassword ? undefined : sent.current);
    sent.current = '';
    return next;
  }, IDLE);

  const checks = useMemo(() => checklist(state.password, state.confirmation, policy), [state, policy]);
  const strongEnough = score !== undefined && score >= policy.minScore;
  const unmet: Unmet[] = serverMakesPassword
    ? []
    : state.choice === 'none'
      ? [{ id: 'choice', text: 'Generate a password, or set one yourself.' }]
      : [
          ...checks.filter((c) => !c.ok).map((c) => ({ id: c.id, text: c.label })),
          ...(strongEnough ? [] : [{ id: 'strength', text: `Strength at least ${STRENGTH_LABELS[policy.minScore]}` }]),
        ];
  const serverErrors = result.status === 'invalid' ? result.fieldErrors : {};
  const mismatch = blocked && state.confirmation !== state.password;
  const errors = {
    password: serverErrors.password,
    confirmation: serverErrors.confirmation ?? (mismatch ? 'The passwords do not match.' : undefined),
  };

  useEffect(() => {
    // After a refusal the focus, left on the locked form, goes back to the button.
    if (result.status !== 'success' && result.status !== 'idle' && document.activeElement === document.body) {
      form.current?.querySelector<HTMLButtonElement>('button[type="submit"]')?.focus();
    }
  }, [result]);

  if (result.status === 'success') return <ResetSuccess result={result} directory={directory} password={handedOver} />;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (pending) return;
    if (unmet.length > 0) {
      flushSync(() => setBlocked(true));
      summary.current?.focus();
      return;
    }
    setBlocked(false);
    setConfirming(true);
  };
  const confirm = () => {
    setConfirming(false);
    const data = new FormData(form.current!);
    sent.current = state.password;
    startTransition(() => dispatch(data));
  };

  return (
    <>
      {result.status === 'refused' ? (
        <ErrorAlert title={result.title} action={result.action} requestId={result.requestId} requestIdLabel={directory.requestIdLabel} />
      ) : null}
      {result.status === 'step-up' ? <StepUpNotice /> : null}
      {result.status === 'signed-out' ? (
        <div role="alert" className="alert">
          <p>
            <strong>You were signed out</strong>, so no reset was made.{' '}
            <a href={`/sign-in?callbackUrl=${encodeURIComponent(props.personPath)}`}>Sign in again</a> to come back to{' '}
            <bdi>{props.personName}</bdi>.
          </p>
        </div>
      ) : null}
      {serverErrors.form ? (
        <p role="alert" className="alert">
          {serverErrors.form}
        </p>
      ) : null}
      {blocked && unmet.length > 0 ? (
        <div ref={summary} tabIndex={-1} role="alert" aria-labelledby="unmet-title" className="alert error-summary">
          <p id="unmet-title">
            <strong>The password cannot be set yet:</strong>
          </p>
          <ul>
            {unmet.map((u) => (
              <li key={u.id}>{u.text}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form ref={form} onSubmit={submit} className="reset-form" noValidate aria-busy={pending}>
        {/* Locked while the reset is on its way: the password shown is always the one being set. */}
        <fieldset disabled={pending} className="plain">
          <legend className="visually-hidden">New password for {props.personName}</legend>
          <input type="hidden" name="organizationId" value={organizationId} />
          <input type="hidden" name="userId" value={userId} />
          <input type="hidden" name="binding" value={binding} />
          {serverMakesPassword ? (
            <p className="notice">The portal generates the new password and hands it over through a one-time link: you will not see it.</p>
          ) : (
            <>
              {/* Password managers file the new password under this name: the person's, not the operator's. */}
              <input
                type="text"
                name="username"
                autoComplete="username"
                value={signInName}
                readOnly
                className="visually-hidden"
                tabIndex={-1}
                aria-hidden="true"
              />
              <PasswordChoice
                state={state}
                onChange={(next) => {
                  setState(next);
                  if (next.choice !== state.choice) setBlocked(false);
                }}
                policy={policy}
                score={score}
                startStrength={start}
                errors={errors}
              />
              {state.choice === 'none' ? null : (
                <ul id="password-rules" className="checklist" aria-label="Password rules">
                  {checks.map((c) => (
                    <li key={c.id} className={c.ok ? 'ok' : 'todo'}>
                      <span aria-hidden="true">{c.ok ? '✓' : '•'}</span> {c.label}
                      <span className="visually-hidden">{c.ok ? ' (met)' : ' (not met)'}</span>
                    </li>
                  ))}
                  <li className={strongEnough ? 'ok' : 'todo'}>
                    <span aria-hidden="true">{strongEnough ? '✓' : '•'}</span> Strength at least {STRENGTH_LABELS[policy.minScore]}
                    <span className="visually-hidden">{strongEnough ? ' (met)' : ' (not met)'}</span>
                  </li>
                </ul>
              )}
            </>
          )}

          {directory.canForceChangeAtNextSignIn ? (
            <div className="field checkbox">
              <input
                id="require-change"
                name="requireChange"
                type="checkbox"
                checked={requireChange}
                onChange={(e) => setRequireChange(e.target.checked)}
              />
              <label htmlFor="require-change">Require a password change at next sign-in</label>
            </div>
          ) : null}

          <div className="field">
            <label htmlFor="reason">Reason or ticket</label>
            <input id="reason" name="reason" type="text" maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
            {serverErrors.reason ? <p className="field-error">{serverErrors.reason}</p> : null}
          </div>

          {/* Never disabled while idle: a press with a rule unmet says which (the summary above). */}
          <button type="submit" className="button primary">
            {pending ? 'Resetting…' : 'Reset password'}
          </button>
        </fieldset>
      </form>
      <ConfirmResetDialog
        open={confirming}
        facts={{
          personName: props.personName,
          directoryName: directory.name,
          canForceChangeAtNextSignIn: directory.canForceChangeAtNextSignIn,
          requireChange,
          notifiedWho: props.notifiedWho,
          activityLogNotice: props.activityLogNotice,
          remaining: props.remaining,
        }}
        onConfirm={confirm}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}
