/**
 * A small time-limited memo of promises: concurrent askers share one lookup, failures are not
 * kept. In the second half of an entry's life a read still answers from it but starts a fresh
 * lookup that replaces it, so a value that keeps being asked for never expires into a slow,
 * cold read (a team lead's scope, kept warm by lib/people/warm-up.ts).
 */
interface Entry<T> {
  created: number;
  value: Promise<T>;
  refreshing?: boolean;
}

export class TtlCache<T> {
  private entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    const age = hit ? this.now() - hit.created : Number.POSITIVE_INFINITY;
    if (hit && age < this.ttlMs) {
      if (age >= this.ttlMs / 2 && !hit.refreshing) this.refresh(key, hit, compute);
      return hit.value;
    }
    const value = compute();
    this.entries.set(key, { created: this.now(), value });
    value.catch(() => this.entries.delete(key));
    return value;
  }

  clear(): void {
    this.entries.clear();
  }

  /** Replaces a live entry once its fresh value has arrived; a failed refresh keeps the old one. */
  private refresh(key: string, entry: Entry<T>, compute: () => Promise<T>): void {
    entry.refreshing = true;
    const created = this.now();
    compute().then(
      (fresh) => {
        if (this.entries.get(key) === entry) this.entries.set(key, { created, value: Promise.resolve(fresh) });
      },
      () => (entry.refreshing = false),
    );
  }
}
