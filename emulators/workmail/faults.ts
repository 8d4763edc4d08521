/**
 * Injected faults (`POST /__control/faults`): the next `times` calls of an operation (or `*`, any
 * operation) fail with a given error, or are delayed by `latencyMs`, or both. Without `times` a
 * fault stays until `DELETE /__control/faults`. With `every: n` it applies to every n-th matching
 * call only (throttling now and then, as a busy service does); the other calls fall through to the
 * next fault that matches.
 */
import { z } from 'zod';

export const faultSchema = z
  .object({
    operation: z.string().regex(/^(\*|[A-Z][A-Za-z]+)$/, 'operation must be an operation name or *'),
    error: z
      .string()
      .regex(/^[A-Za-z][\w.:#]{0,127}$/, 'error must be an error code such as ThrottlingException')
      .optional(),
    status: z.number().int().min(400).max(599).optional(),
    message: z.string().max(1000).optional(),
    times: z.number().int().min(1).max(1_000_000).optional(),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    every: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict()
  .refine((f) => f.error !== undefined || f.latencyMs !== undefined, 'a fault needs an error, a latencyMs, or both');

export type Fault = z.infer<typeof faultSchema>;

export class Faults {
  private list: Fault[] = [];
  /** Matching calls seen by each `every` fault (kept apart, so the list shows faults as given). */
  private seen = new WeakMap<Fault, number>();

  add(fault: Fault): void {
    this.list.push({ ...fault });
  }

  clear(): void {
    this.list = [];
  }

  all(): readonly Fault[] {
    return this.list;
  }

  /** The fault that applies to this call, consuming one of its `times`. */
  take(operation: string): Fault | undefined {
    const index = this.list.findIndex((f) => {
      if (f.operation !== operation && f.operation !== '*') return false;
      if (f.every === undefined) return true;
      const seen = (this.seen.get(f) ?? 0) + 1;
      this.seen.set(f, seen);
      return seen % f.every === 0;
    });
    if (index < 0) return undefined;
    const fault = this.list[index]!;
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times === 0) this.list.splice(index, 1);
    }
    return fault;
  }
}
