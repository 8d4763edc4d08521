'use client';

import { useRef } from 'react';
import { useEarlyValue } from './use-early-value';

interface Props {
  id: string;
  name: string;
  label: string;
  value: string;
  shown: boolean;
  maxLength: number;
  error?: string;
  describedBy?: string;
  onFocus?: () => void;
  onChange: (value: string) => void;
}

/** A new-password input: password managers may fill it, and its error is tied to it for screen readers. */
export function PasswordField({ id, name, label, value, shown, maxLength, error, describedBy, onFocus, onChange }: Props) {
  const errorId = `${id}-error`;
  const input = useRef<HTMLInputElement>(null);
  // Typed or filled by a password manager before the page's script ran: keep it, not an empty field.
  useEarlyValue(input, value, onChange);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        ref={input}
        id={id}
        name={name}
        type={shown ? 'text' : 'password'}
        autoComplete="new-password"
        spellCheck={false}
        value={value}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={[describedBy, error ? errorId : undefined].filter(Boolean).join(' ') || undefined}
        onFocus={onFocus}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
