/** The five strength labels (DESIGN.md §5), apart from zxcvbn so pages can show them without loading it. */
export const STRENGTH_LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;
