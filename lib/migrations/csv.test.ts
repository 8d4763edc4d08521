/** The export's two formats, RFC 4180 quoting, and the formula guard that must never alter a password. */
import { describe, expect, it } from 'vitest';
import { generatePassword } from '../password/generate';
import { exportCsv, exportFileName } from './csv';

const row = { email: 'jane.doe@example.com', username: 'jane.doe', password: 'Bafo-Kizu-Deta-Momi-Ruvo-42' };

describe('the wave export', () => {
  it('writes Microsoft 365 IMAP migration: EmailAddress,UserName,Password', () => {
    expect(exportCsv('m365-imap', [row])).toBe(
      'EmailAddress,UserName,Password\r\njane.doe@example.com,jane.doe@example.com,Bafo-Kizu-Deta-Momi-Ruvo-42\r\n',
    );
  });

  it('writes Google Workspace data migration: source email,password', () => {
    expect(exportCsv('google-workspace', [row])).toBe('source email,password\r\njane.doe@example.com,Bafo-Kizu-Deta-Momi-Ruvo-42\r\n');
  });

  it('quotes commas, quotes and line breaks, and doubles quotes', () => {
    const csv = exportCsv('google-workspace', [{ ...row, email: 'a"b,c@example.com', password: 'Pass,word"1\nX' }]);
    expect(csv.split('\r\n')[1]).toBe('"a""b,c@example.com","Pass,word""1\nX"');
  });

  it('puts an apostrophe before a cell a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@']) {
      const csv = exportCsv('m365-imap', [{ ...row, email: `${start}cmd@example.com` }]);
      expect(csv.split('\r\n')[1]).toBe(`'${start}cmd@example.com,'${start}cmd@example.com,${row.password}`);
    }
  });

  it('refuses a password the guard would alter, rather than hand the tool a changed one', () => {
    for (const start of ['=', '+', '-', '@']) {
      expect(() => exportCsv('m365-imap', [{ ...row, password: `${start}Secret-Word-12` }])).toThrow(/formula character/);
    }
  });

  it('never needs to: generated passwords start with a letter', () => {
    for (let i = 0; i < 200; i++) expect(generatePassword()).toMatch(/^[A-Z]/);
  });

  it('names the file after the wave and the format', () => {
    expect(exportFileName('Sales pilot (EU)', 'm365-imap')).toBe('wave-sales-pilot-eu-m365-imap.csv');
    expect(exportFileName('∆∆', 'google-workspace')).toBe('wave-export-google-workspace.csv');
  });
});
