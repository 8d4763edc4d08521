/**
 * How the new password reaches the person (docs/configuration.md, HANDOVER_MODE): `show` shows it
 * once to the operator, `link` hands it over through a one-time link so the operator never sees it
 * (the server generates it), `both` offers both. A minimal reading until lib/config.ts carries it.
 */
export type HandoverMode = 'show' | 'link' | 'both';

const MODES: readonly HandoverMode[] = ['show', 'link', 'both'];

export function parseHandoverMode(raw: string | undefined): HandoverMode {
  const value = (raw ?? '').trim().toLowerCase();
  if (!value) return 'both';
  if ((MODES as readonly string[]).includes(value)) return value as HandoverMode;
  throw new Error(`HANDOVER_MODE must be one of ${MODES.join(', ')}, not "${raw}"`);
}

export const handoverMode = (): HandoverMode => parseHandoverMode(process.env.HANDOVER_MODE);

/** Whether the operator may see (generate, type, copy) the password in this mode. */
export const operatorSeesPassword = (mode: HandoverMode) => mode !== 'link';
