import { describe, expect, it } from 'vitest';
import { nextTask } from '../../../src/lib/async/next-task.ts';

describe('nextTask', () => {
  it('lets a waiting timer run, where awaiting resolved promises never does', async () => {
    let fired = false;
    setTimeout(() => (fired = true), 0);
    for (let i = 0; i < 1000; i++) await Promise.resolve();
    expect(fired).toBe(false);
    for (let i = 0; i < 1000 && !fired; i++) await nextTask();
    expect(fired).toBe(true);
  });
});
