/**
 * The wave's export, in the format of the migration tool that will log in with these passwords
 * (docs/migrations.md):
 * - Microsoft 365 IMAP migration: `EmailAddress,UserName,Password`, where EmailAddress is the
 *   mailbox in Microsoft 365 and UserName the IMAP sign-in at the source (here both the address).
 * - Google Workspace data migration: `source email,password`.
 * Cells follow RFC 4180 and, like the audit export (lib/audit/csv.ts), a cell a spreadsheet would
 * run as a formula gets an apostrophe first. A generated password never starts with such a
 * character (lib/password/generate.ts starts with a letter), so the guard never alters one; if a
 * password ever did, the export refuses it rather than hand the tool a changed password.
 */
import { csvCell } from '../audit/csv';
import type { WaveFormat } from './types';

export interface ExportRow {
  email: string;
  username: string;
  password: string;
}

const FORMULA_START = /^[=+\-@\t\r]/;

const HEADERS: Record<WaveFormat, string[]> = {
  'm365-imap': ['EmailAddress', 'UserName', 'Password'],
  'google-workspace': ['source email', 'password'],
};

function cells(format: WaveFormat, row: ExportRow): string[] {
  return format === 'm365-imap' ? [row.email, row.email, row.password] : [row.email, row.password];
}

export function exportCsv(format: WaveFormat, rows: readonly ExportRow[]): string {
  const lines = [HEADERS[format].map(csvCell).join(',')];
  for (const row of rows) {
    if (FORMULA_START.test(row.password))
      throw new Error('a wave password starts with a formula character; it cannot be exported unchanged');
    lines.push(cells(format, row).map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export const exportFileName = (waveName: string, format: WaveFormat) =>
  `wave-${
    waveName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'export'
  }-${format}.csv`;
