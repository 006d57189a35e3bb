import { describe, expect, it } from 'vitest';
import { acquireSlot, ConnectorSlotModel } from '../concurrency.js';

describe('per-platform concurrency: successful cases', () => {
  it('holds at most N leases per platform across callers, and a released or expired lease frees a slot', async () => {
    const opts = { waitMs: 0, pollMs: 10 };
    const a = await acquireSlot('pull:test', 2, opts);
    const b = await acquireSlot('pull:test', 2, opts);
    expect(a && b).toBeTruthy();
    expect(await acquireSlot('pull:test', 2, opts)).toBeNull();
    // Another platform has its own slots.
    expect(await acquireSlot('pull:other', 2, opts)).not.toBeNull();

    await a!.release();
    const c = await acquireSlot('pull:test', 2, opts);
    expect(c).not.toBeNull();

    // A worker that died never releases: its lease expires.
    await ConnectorSlotModel.updateMany({ pool: 'pull:test' }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await acquireSlot('pull:test', 2, opts)).not.toBeNull();
  });

  it('a waiting caller gets the slot as soon as one is released', async () => {
    const first = (await acquireSlot('pull:wait', 1, { waitMs: 0 }))!;
    let waited = false;
    const second = acquireSlot('pull:wait', 1, { waitMs: 10_000, pollMs: 20, onWait: async () => void (waited = true) });
    setTimeout(() => void first.release(), 100);
    expect(await second).not.toBeNull();
    expect(waited).toBe(true);
  });
});
