/** The demo operators of docs/emulator.md, "Demo data". Everyone's password is `demo`. */
export interface DemoPerson {
  username: string;
  name: string;
  email: string;
  /** Absent: the provider sends no groups claim for this person at all (tests of that case). */
  groups?: string[];
  description: string;
}

export const DEMO_PASSWORD = 'demo';
/** The demo one-time code, for people enrolled in the second factor (POST /__control/accounts/<username>/mfa). */
export const DEMO_OTP = '123456';

export const DEMO_PEOPLE: DemoPerson[] = [
  { username: 'alice', name: 'Alice Admin', email: 'alice@example.com', groups: ['it-admins'], description: 'admin' },
  { username: 'bob', name: 'Bob Lead', email: 'bob@example.com', groups: ['eng-leads'], description: 'lead of engineering' },
  { username: 'carol', name: 'Carol Lead', email: 'carol@example.com', groups: ['sales-leads'], description: 'lead of sales' },
  { username: 'dave', name: 'Dave Nobody', email: 'dave@example.com', groups: [], description: 'no access' },
  // A second admin: a migration wave needs one admin to create it and another to approve it (docs/migrations.md).
  { username: 'frank', name: 'Frank Admin', email: 'frank@example.com', groups: ['it-admins'], description: 'second admin' },
];
