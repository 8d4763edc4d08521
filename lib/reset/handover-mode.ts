/**
 * How the new password reaches the person (HANDOVER_MODE, read in lib/config.ts; docs/handover.md):
 * `show` shows it once to the operator, `link` hands it over through a one-time link so the
 * operator never sees it (the server generates it), `both` offers both. Types only here, so the
 * form in the browser can use them.
 */
import type { HandoverMode } from '../config';

export type { HandoverMode };

/** Whether the operator may see (generate, type, copy) the password in this mode. */
export const operatorSeesPassword = (mode: HandoverMode) => mode !== 'link';
