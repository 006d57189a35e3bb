import { describe, expect, it } from 'vitest';
import { LeaseModel, withLease } from '../lease.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('lease: successful cases', () => {
  it('runs holders of one key one at a time, and different keys side by side', async () => {
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    const work = (i: number) =>
      withLease('test:one', async () => {
        inside++;
        most = Math.max(most, inside);
        await sleep(10);
        order.push(i);
        inside--;
        return i;
      });
    expect(await Promise.all([0, 1, 2, 3, 4].map(work))).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(1);
    expect(order.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(await LeaseModel.countDocuments({ _id: 'test:one' })).toBe(0);

    // Another key is not blocked by a held one (a nested lease on the same key would wait).
    expect(await withLease('test:a', () => withLease('test:b', async () => 'both'))).toBe('both');
  });

  it('a lease whose holder died is free once it expires; an error inside still releases it', async () => {
    await LeaseModel.create({ _id: 'test:dead', holder: 'gone', expiresAt: new Date(Date.now() - 1) });
    expect(await withLease('test:dead', async () => 'ok')).toBe('ok');
    await expect(withLease('test:err', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await withLease('test:err', async () => 'again')).toBe('again');
  });
});

describe('lease: failing cases', () => {
  it('a busy lease answers RATE_LIMITED after the wait', async () => {
    await LeaseModel.create({ _id: 'test:busy', holder: 'someone', expiresAt: new Date(Date.now() + 60_000) });
    await expect(withLease('test:busy', async () => 'never', { waitMs: 100 })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});
