import { describe, expect, it } from 'vitest';
import { timeSlicer } from '../time-slice.js';

describe('timeSlicer', () => {
  it('is due once the slice has passed and starts a new slice after yielding', async () => {
    let t = 100;
    const slice = timeSlicer(8, () => t);
    expect(slice.due()).toBe(false);
    t = 107.9;
    expect(slice.due()).toBe(false);
    t = 108;
    expect(slice.due()).toBe(true);
    await slice.yield();
    expect(slice.due()).toBe(false);
    t = 116;
    expect(slice.due()).toBe(true);
  });

  it('lets a timer that fell due run before the loop resumes', async () => {
    let fired = false;
    const timer = setTimeout(() => (fired = true), 0);
    // Wait until the timer is surely due, without giving the loop a turn.
    const until = Date.now() + 5;
    while (Date.now() < until);
    const slice = timeSlicer(0);
    await slice.yield();
    clearTimeout(timer);
    expect(fired).toBe(true);
  });
});
