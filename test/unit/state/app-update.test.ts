import { describe, expect, it } from 'vitest';
import { AppUpdateState } from '../../../src/state/app-update.svelte.ts';

describe('AppUpdateState', () => {
  it('offers a new version and applies it only when the user accepts', async () => {
    const update = new AppUpdateState();
    let applied = 0;
    update.connect({ busy: () => false, apply: async () => void applied++ });
    await update.accept();
    expect(applied).toBe(0);
    update.offer();
    expect(update.available).toBe(true);
    expect(applied).toBe(0);
    await update.accept();
    expect(applied).toBe(1);
  });

  it('never reloads while a solve runs: accepting waits until it has ended', async () => {
    const update = new AppUpdateState();
    let solving = true;
    let applied = 0;
    update.connect({ busy: () => solving, apply: async () => void applied++ });
    update.offer();
    const accepted = update.accept();
    await new Promise((r) => setTimeout(r, 350));
    expect(update.waitingForSolve).toBe(true);
    expect(applied).toBe(0);
    solving = false;
    await accepted;
    expect(update.waitingForSolve).toBe(false);
    expect(applied).toBe(1);
  });

  it('"Not now" withdraws the offer', () => {
    const update = new AppUpdateState();
    update.offer();
    update.dismiss();
    expect(update.available).toBe(false);
  });
});
