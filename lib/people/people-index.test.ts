import { describe, expect, it } from 'vitest';
import { PeopleIndex, wordsOf } from './people-index';
import type { Person } from '../directory/types';

const person = (id: string, displayName: string, username: string, email?: string): Person => ({
  id,
  organizationId: 'm-0',
  username,
  displayName,
  email,
  state: 'enabled',
  kind: 'person',
  externallyManaged: false,
});

const PEOPLE = [
  person('1', 'Jane Doe', 'jane.doe', 'jane.doe@example.com'),
  person('2', 'John Doe-Smith', 'jds', 'john.smith@example.com'),
  person('3', 'Zoe Adams', 'zoe', 'z.adams@example.com'),
  person('4', 'Adam Zed', 'adam.zed'),
];

function index(people = PEOPLE, now = () => 1000) {
  const i = new PeopleIndex(async () => people, 60_000, now);
  i.replace(people);
  return i;
}

describe('the people index', () => {
  it('finds a person by any word of the name, by username parts and by email', () => {
    const i = index();
    const ids = (q: string) => i.search(q, 10).map((p) => p.id);
    expect(ids('doe')).toEqual(['1', '2']);
    expect(ids('smith')).toEqual(['2']);
    expect(ids('jane.doe@example.com')).toEqual(['1']);
    expect(ids('z.adams')).toEqual(['3']);
    expect(ids('ADAM')).toEqual(['4', '3']);
    expect(ids('jane doe')).toEqual(['1']);
    expect(ids('doe jane')).toEqual(['1']);
    expect(ids('doe zed')).toEqual([]);
    expect(ids('nobody')).toEqual([]);
    expect(ids('   ')).toEqual([]);
  });

  it('does not match the email domain, which everyone shares', () => {
    expect(wordsOf(PEOPLE[0]!)).not.toContain('example');
    expect(index().search('example', 10)).toEqual([]);
  });

  it('returns results in name order and honours the limit', () => {
    const i = index();
    expect(i.search('a', 10).map((p) => p.displayName)).toEqual(['Adam Zed', 'Zoe Adams']);
    expect(i.search('j', 1).map((p) => p.id)).toEqual(['1']);
    expect(i.rankOf('4')).toBeLessThan(i.rankOf('1'));
    expect(i.rankOf('missing')).toBe(Number.POSITIVE_INFINITY);
    expect(i.byId('3')?.displayName).toBe('Zoe Adams');
  });

  it('refreshes only when stale, and keeps the old index when a refresh fails', async () => {
    let clock = 0;
    let loads = 0;
    let fail = false;
    const i = new PeopleIndex(
      async () => {
        loads++;
        if (fail) throw new Error('directory down');
        return PEOPLE.slice(0, loads);
      },
      100,
      () => clock,
    );
    expect(i.ready).toBe(false);
    await i.refreshIfStale();
    expect(i.size).toBe(1);
    await i.refreshIfStale();
    expect(loads).toBe(1);
    clock = 200;
    await i.refreshIfStale();
    expect(i.size).toBe(2);
    clock = 400;
    fail = true;
    await i.refreshIfStale();
    expect(i.size).toBe(2);
  });

  it('waits a bounded time for its first build and reports how far along it is', async () => {
    let finish: (people: typeof PEOPLE) => void = () => undefined;
    const i = new PeopleIndex(
      (progress) =>
        new Promise((resolve) => {
          progress(2);
          finish = resolve;
        }),
      60_000,
    );
    expect(await i.whenReady(5)).toBe(false);
    expect(i.warmingProgress).toBe(2);
    finish(PEOPLE);
    expect(await i.whenReady(5_000)).toBe(true);
    expect(i.search('doe', 10).map((p) => p.id)).toEqual(['1', '2']);
  });
});
