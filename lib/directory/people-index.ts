/**
 * An in-memory word index of one organization's people, so "doe" finds Jane Doe although
 * WorkMail's filters match only the start of a field. Filled in the background from the full
 * listing and rebuilt on an interval; searches never wait for it (they merge it with live
 * prefix results, so someone created a minute ago is still found by prefix).
 */
import type { Person } from './types';

/** The words a person can be found by: parts of the display name, username and email, and the whole of each. */
export function wordsOf(person: Person): string[] {
  const words = new Set<string>();
  const add = (text: string | undefined, split: RegExp) => {
    if (!text) return;
    const lower = text.toLowerCase();
    words.add(lower);
    for (const part of lower.split(split)) if (part) words.add(part);
  };
  add(person.displayName, /[\s,()'-]+/);
  add(person.username, /[._@-]+/);
  add(person.email, /[._@+-]+/);
  return [...words];
}

const tokensOf = (query: string) => query.toLowerCase().split(/\s+/).filter(Boolean);

export class PeopleIndex {
  private people: Person[] = [];
  private byIdMap = new Map<string, Person>();
  private words: string[] = [];
  private owners = new Int32Array(0);
  private loadedAt = 0;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly load: () => Promise<Person[]>,
    private readonly refreshMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.people.length;
  }

  get ready(): boolean {
    return this.loadedAt > 0;
  }

  /** Starts a rebuild when the index is empty or stale; never throws, never blocks the caller. */
  refreshIfStale(): Promise<void> {
    if (this.loading) return this.loading;
    if (this.loadedAt > 0 && this.now() - this.loadedAt < this.refreshMs) return Promise.resolve();
    this.loading = this.load()
      .then((people) => this.replace(people))
      .catch((err: unknown) => {
        // Keep serving the old index; the live prefix search still works.
        console.error('people index: refresh failed', err instanceof Error ? err.message : err);
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  replace(people: Person[]): void {
    const entries: Array<[string, number]> = [];
    people.forEach((person, i) => {
      for (const word of wordsOf(person)) entries.push([word, i]);
    });
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.people = people;
    this.byIdMap = new Map(people.map((p) => [p.id, p]));
    this.words = entries.map((e) => e[0]);
    this.owners = Int32Array.from(entries, (e) => e[1]);
    this.loadedAt = this.now();
  }

  byId(id: string): Person | undefined {
    return this.byIdMap.get(id);
  }

  /** People with a word starting with each token of the query, at most `limit`. */
  search(query: string, limit: number): Person[] {
    const [first, ...rest] = tokensOf(query);
    if (!first) return [];
    const found = new Map<number, Person>();
    for (let i = this.lowerBound(first); i < this.words.length && this.words[i]!.startsWith(first); i++) {
      const owner = this.owners[i]!;
      if (found.has(owner)) continue;
      const person = this.people[owner]!;
      if (rest.length > 0) {
        const words = wordsOf(person);
        if (!rest.every((token) => words.some((w) => w.startsWith(token)))) continue;
      }
      found.set(owner, person);
      if (found.size >= limit) break;
    }
    return [...found.values()];
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
