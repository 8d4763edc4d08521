/**
 * An in-memory word index of one organization's people, so "doe" finds Jane Doe although a
 * directory's filters match only the start of a field. Built when the server starts and rebuilt on
 * an interval in the background (lib/people/warm-up.ts). Searches merge it with live prefix
 * results, so someone created a minute ago is still found by prefix; until its first build is
 * done, a search waits for it a short while and otherwise says how far along it is.
 *
 * People are kept sorted by name, so an index position is also a rank, and words are interned:
 * first and last names repeat across thousands of people (bench: +60 MB budget at 100,000).
 */
import { log } from '../log';
import type { Person } from '../directory/types';

export const nameCollator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
export const byName = (a: Person, b: Person) =>
  nameCollator.compare(a.displayName, b.displayName) || nameCollator.compare(a.email ?? '', b.email ?? '');

/** The words a person can be found by: parts of the display name and username, the whole username and email. */
export function wordsOf(person: Person): string[] {
  const words = new Set<string>();
  const split = (text: string | undefined, by: RegExp) => {
    for (const part of (text ?? '').toLowerCase().split(by)) if (part) words.add(part);
  };
  split(person.displayName, /[\s,()'.-]+/);
  split(person.username, /[._@-]+/);
  words.add(person.username.toLowerCase());
  if (person.email) {
    const email = person.email.toLowerCase();
    words.add(email);
    split(email.slice(0, email.indexOf('@')), /[._+-]+/);
  }
  return [...words];
}

const tokensOf = (query: string) => query.toLowerCase().split(/\s+/).filter(Boolean);

/** Reports how many people a running build has read so far. */
export type LoadProgress = (loaded: number) => void;

export class PeopleIndex {
  private people: Person[] = [];
  private loadedSoFar = 0;
  private rank = new Map<string, number>();
  private words: string[] = [];
  private owners = new Int32Array(0);
  private loadedAt: number | undefined;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly load: (progress: LoadProgress) => Promise<Person[]>,
    private readonly refreshMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.people.length;
  }

  get ready(): boolean {
    return this.loadedAt !== undefined;
  }

  /** People read so far by the first build, while it runs (for "still warming up" messages). */
  get warmingProgress(): number {
    return this.loadedSoFar;
  }

  /**
   * Waits at most `ms` for the first build (starting it if needed); true when the index is ready.
   * A word search uses this so that a search right after start-up is not a silent miss.
   */
  async whenReady(ms: number): Promise<boolean> {
    if (this.ready) return true;
    const building = this.refreshIfStale();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    await Promise.race([building, timeout]);
    clearTimeout(timer);
    return this.ready;
  }

  /** Starts a rebuild when the index is empty or stale; never throws, never blocks the caller. */
  refreshIfStale(): Promise<void> {
    if (this.loading) return this.loading;
    if (this.loadedAt !== undefined && this.now() - this.loadedAt < this.refreshMs) return Promise.resolve();
    this.loadedSoFar = 0;
    this.loading = this.load((loaded) => (this.loadedSoFar = loaded))
      .then((people) => this.replace(people))
      .catch((err: unknown) => {
        // Keep serving the old index; the live prefix search still works.
        log.error({ err: err instanceof Error ? err.message : String(err) }, 'people index: refresh failed');
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  replace(unsorted: Person[]): void {
    const people = [...unsorted].sort(byName);
    const interned = new Map<string, string>();
    const entries: Array<{ word: string; owner: number }> = [];
    people.forEach((person, owner) => {
      for (const word of wordsOf(person)) {
        let shared = interned.get(word);
        if (shared === undefined) interned.set(word, (shared = word));
        entries.push({ word: shared, owner });
      }
    });
    entries.sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : a.owner - b.owner));
    this.people = people;
    this.rank = new Map(people.map((p, i) => [p.id, i]));
    this.words = entries.map((e) => e.word);
    this.owners = Int32Array.from(entries, (e) => e.owner);
    this.loadedAt = this.now();
  }

  byId(id: string): Person | undefined {
    const i = this.rank.get(id);
    return i === undefined ? undefined : this.people[i];
  }

  /** Position in name order, for sorting results without comparing strings. */
  rankOf(id: string): number {
    return this.rank.get(id) ?? Number.POSITIVE_INFINITY;
  }

  /** People with a word starting with each token of the query, in name order, at most `limit`. */
  search(query: string, limit: number): Person[] {
    const tokens = tokensOf(query);
    if (tokens.length === 0) return [];
    const ranges = tokens.map((t) => this.range(t)).sort((a, b) => a[1] - a[0] - (b[1] - b[0]));
    const [first, ...rest] = ranges;
    const others = rest.map(([start, end]) => new Set(this.owners.subarray(start, end)));
    const found = new Set<number>();
    for (let i = first![0]; i < first![1]; i++) {
      const owner = this.owners[i]!;
      if (others.every((set) => set.has(owner))) found.add(owner);
    }
    return [...found]
      .sort((a, b) => a - b)
      .slice(0, limit)
      .map((i) => this.people[i]!);
  }

  /** The [start, end) slice of words that start with `prefix`. */
  private range(prefix: string): [number, number] {
    return [this.lowerBound(prefix), this.lowerBound(`${prefix}\uffff`)];
  }

  private lowerBound(target: string): number {
    let lo = 0;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.words[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
