'use client';

import { useState } from 'react';
import { generatePassword } from '@/lib/password/generate';
import type { PasswordPolicy } from '@/lib/password/policy';
import { copySecret } from './copy-once';
import { PasswordField } from './password-field';
import { StrengthMeter } from './strength-meter';

export type Choice = 'none' | 'generated' | 'typed';

export interface PasswordState {
  choice: Choice;
  password: string;
  confirmation: string;
}

/**
 * Generator first: `Generate password` fills both fields; `Set a password myself` opens them
 * empty. The fields keep their names (New password, Confirm password) once shown.
 */
export function PasswordChoice({
  state,
  onChange,
  policy,
  score,
  startStrength,
  errors,
}: {
  state: PasswordState;
  onChange: (next: PasswordState) => void;
  policy: PasswordPolicy;
  score: number | undefined;
  startStrength: () => void;
  errors: { password?: string; confirmation?: string };
}) {
  const [shown, setShown] = useState(false);
  const [copied, setCopied] = useState(false);
  const { choice, password, confirmation } = state;
  const generate = () => {
    const generated = generatePassword();
    startStrength();
    onChange({ choice: 'generated', password: generated, confirmation: generated });
    setShown(true);
    setCopied(false);
  };

  return (
    <>
      <div className="buttons">
        <button type="button" className="button primary" onClick={generate}>
          Generate password
        </button>
        {choice === 'none' ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              onChange({ ...state, choice: 'typed' });
              // The field appears with this render; the operator goes on typing there.
              requestAnimationFrame(() => document.getElementById('new-password')?.focus());
            }}
          >
            Set a password myself
          </button>
        ) : null}
      </div>
      {choice === 'none' ? null : (
        <>
          <PasswordField
            id="new-password"
            name="password"
            label="New password"
            value={password}
            shown={shown}
            maxLength={4 * policy.maxLength}
            error={errors.password}
            describedBy="password-rules"
            onFocus={startStrength}
            onChange={(value) => {
              onChange({ ...state, password: value });
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
            onChange={(value) => onChange({ ...state, confirmation: value })}
          />
          <div className="buttons">
            {/* The label says what a press will do; aria-pressed says whether the password shows now. */}
            <button type="button" className="button" aria-pressed={shown} onClick={() => setShown((s) => !s)}>
              {shown ? 'Hide password' : 'Show password'}
            </button>
            <button
              type="button"
              className="button"
              disabled={!password}
              onClick={() => void copySecret(password).then(() => setCopied(true))}
            >
              Copy password
            </button>
            <span role="status" className="muted">
              {copied ? 'Copied to the clipboard.' : ''}
            </span>
          </div>
          <StrengthMeter score={password ? score : undefined} />
        </>
      )}
    </>
  );
}
