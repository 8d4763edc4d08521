'use client';

import { useActionState, useMemo, useState } from 'react';
import { resetPasswordAction } from '@/app/(portal)/users/[org]/[user]/actions';
import { generatePassword } from '@/lib/password/generate';
import { checklist, type PasswordPolicy } from '@/lib/password/policy';
import { STRENGTH_LABELS } from '@/lib/password/labels';
import { IDLE, type ResetResult } from '@/lib/reset/result';
import { ErrorAlert } from './directory-error-alert';
import { PasswordField } from './password-field';
import { ResetSuccess, type DirectoryFacts } from './reset-success';
import { StepUpNotice } from './step-up-notice';
import { StrengthMeter } from './strength-meter';
import { useStrength } from './use-strength';

export interface ResetFormProps {
  organizationId: string;
  userId: string;
  binding: string;
  /** The person's sign-in name, for password managers (never the operator's). */
  signInName: string;
  contextWords: string[];
  policy: PasswordPolicy;
  /** What the page needs to know of the person's directory (lib/portal.ts). */
  directory: DirectoryFacts;
}

export function ResetForm({ organizationId, userId, binding, signInName, contextWords, policy, directory }: ResetFormProps) {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState(false);
  const [copied, setCopied] = useState(false);
  const { score, start } = useStrength(password, contextWords);
  const [result, formAction, pending] = useActionState(async (previous: ResetResult, formData: FormData) => {
    const next = await resetPasswordAction(previous, formData);
    if (next.status === 'success') {
      // After a success the password leaves the page's state at once.
      setPassword('');
      setConfirmation('');
      setReason('');
      setShown(false);
    }
    return next;
  }, IDLE);

  const checks = useMemo(() => checklist(password, confirmation, policy), [password, confirmation, policy]);
  const strongEnough = score !== undefined && score >= policy.minScore;
  const ready = checks.every((c) => c.ok) && strongEnough;
  const errors = result.status === 'invalid' ? result.fieldErrors : {};

  return (
    <>
      {result.status === 'success' ? <ResetSuccess result={result} directory={directory} /> : null}
      {result.status === 'step-up' ? <StepUpNotice /> : null}
      {result.status === 'refused' ? (
        <ErrorAlert title={result.title} action={result.action} requestId={result.requestId} requestIdLabel={directory.requestIdLabel} />
      ) : null}
      {errors.form ? (
        <p role="alert" className="alert">
          {errors.form}
        </p>
      ) : null}
      <form action={formAction} className="reset-form" noValidate>
        <input type="hidden" name="organizationId" value={organizationId} />
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="binding" value={binding} />
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

        <PasswordField
          id="new-password"
          name="password"
          label="New password"
          value={password}
          shown={shown}
          maxLength={4 * policy.maxLength}
          error={errors.password}
          describedBy="password-rules"
          onFocus={start}
          onChange={(value) => {
            setPassword(value);
            setCopied(false);
          }}
        />
        <PasswordField
          id="confirm-password"
          name="confirmation"
          label="Confirm password"
          value={confirmation}
          shown={shown}
          maxLength={4 * policy.maxLength}
          error={errors.confirmation}
          onChange={setConfirmation}
        />

        <div className="buttons">
          <button type="button" className="button" aria-pressed={shown} onClick={() => setShown((s) => !s)}>
            Show password
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              const generated = generatePassword();
              start();
              setPassword(generated);
              setConfirmation(generated);
              setShown(true);
              setCopied(false);
            }}
          >
            Generate password
          </button>
          <button
            type="button"
            className="button"
            disabled={!password}
            onClick={() => {
              void navigator.clipboard.writeText(password).then(() => setCopied(true));
            }}
          >
            Copy password
          </button>
          <span role="status" className="muted">
            {copied ? 'Copied to the clipboard.' : ''}
          </span>
        </div>

        <StrengthMeter score={password ? score : undefined} />

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

        {directory.canForceChangeAtNextSignIn ? (
          <div className="field checkbox">
            <input id="require-change" name="requireChange" type="checkbox" defaultChecked />
            <label htmlFor="require-change">Require a password change at next sign-in</label>
          </div>
        ) : null}

        <div className="field">
          <label htmlFor="reason">Reason or ticket</label>
          <input id="reason" name="reason" type="text" maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
          {errors.reason ? <p className="field-error">{errors.reason}</p> : null}
        </div>

        <button type="submit" className="button primary" disabled={!ready || pending}>
          {pending ? 'Resetting…' : 'Reset password'}
        </button>
      </form>
    </>
  );
}
