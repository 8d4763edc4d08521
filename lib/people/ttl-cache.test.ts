import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache';

describe('the time-limited memo', () => {
  it('shares one lookup, and forgets a failed one', async () => {
    const cache = new TtlCache<number>(1000, () => 0);
    let calls = 0;
    const compute = async () => ++calls;
    expect(await Promise.all([cache.get('k', compute), cache.get('k', compute)])).toEqual([1, 1]);
    const failing = cache.get('bad', () => Promise.reject(new Error('down')));
    await expect(failing).rejects.toThrow('down');
    expect(await cache.get('bad', compute)).toBe(2);
  });

  it('refreshes an entry ahead of its expiry while answering from it, so a used value never goes cold', async () => {
    let clock = 0;
    let calls = 0;
    const cache = new TtlCache<number>(1000, () => clock);
    const compute = async () => ++calls;
    expect(await cache.get('k', compute)).toBe(1);
    clock = 400;
    expect(await cache.get('k', compute)).toBe(1);
    expect(calls).toBe(1);
    clock = 600; // second half of its life: answered from the entry, a refresh starts
    expect(await cache.get('k', compute)).toBe(1);
    expect(calls).toBe(2);
    expect(await cache.get('k', compute)).toBe(2); // the refreshed value, no third lookup
    expect(calls).toBe(2);
    clock = 1500; // the refreshed entry (made at 600) is still alive: no cold read
    expect(await cache.get('k', compute)).toBe(2);
    clock = 2700; // unused past its life: a cold read
    expect(await cache.get('k', compute)).toBe(4);
  });

  it('keeps the old value when a refresh fails', async () => {
    let clock = 0;
    const cache = new TtlCache<string>(1000, () => clock);
    await cache.get('k', async () => 'old');
    clock = 700;
    expect(await cache.get('k', () => Promise.reject(new Error('down')))).toBe('old');
    await Promise.resolve();
    expect(await cache.get('k', async () => 'new')).toBe('old');
    expect(await cache.get('k', async () => 'never')).toBe('new');
  });
});
