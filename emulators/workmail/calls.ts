/**
 * The calls log (`GET /__control/calls`): what each API call asked and how it ended, so tests can
 * assert what really reached WorkMail. Passwords never enter it.
 */
export interface CallRecord {
  time: string;
  requestId: string;
  operation: string;
  accessKeyId?: string;
  input: unknown;
  outcome: 'ok' | string;
  status: number;
  /** Time the emulator spent on the call, injected latency included. */
  durationMs: number;
}

const SECRET_MEMBERS = new Set(['Password']);
const MAX_RECORDS = 10_000;

export function redact(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, SECRET_MEMBERS.has(k) ? '[REDACTED]' : redact(v)]));
}

export class CallLog {
  private records: CallRecord[] = [];

  add(record: CallRecord): void {
    this.records.push(record);
    // Bounded so a benchmark's hundred thousand calls cannot grow memory without end.
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
  }

  clear(): void {
    this.records = [];
  }

  list(filter: { operation?: string | null; since?: string | null }): CallRecord[] {
    return this.records.filter((r) => (!filter.operation || r.operation === filter.operation) && (!filter.since || r.time >= filter.since));
  }
}
