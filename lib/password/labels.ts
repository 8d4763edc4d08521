/** The five strength labels (docs/architecture.md, "The UI contract"), apart from zxcvbn so pages can show them without loading it. */
export const STRENGTH_LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;
