import { describe, expect, it, vi } from 'vitest';
import { AppStatus } from '../../../src/state/app-status.svelte.ts';
import { WorkerCrashedError } from '../../../src/workers/restarting-worker.ts';

describe('AppStatus', () => {
  it('names where a failure came from', () => {
    const status = new AppStatus();
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    status.thrown('overlay engine', new Error('boom'));
    expect(status.banner).toEqual({ source: 'overlay engine', message: 'Something went wrong in the overlay engine.', hint: 'Your edits are kept. Try again; if it repeats, reload the page.', details: 'boom' });
    expect(status.phase).toBe('error');
    log.mockRestore();
  });

  it('leaves a crashed worker\'s rejected calls to the restart message', () => {
    const status = new AppStatus();
    const crash = new WorkerCrashedError('resolver', 'gone', '');
    status.thrown('resolver', crash);
    expect(status.banner).toBeUndefined();
    status.restarted('resolver', 'Your edits are kept.', crash);
    expect(status.banner).toMatchObject({ source: 'resolver', message: 'The resolver stopped and was restarted.' });
    expect(status.phase).toBe('loading');
  });

  it('goes from working to ready and clears the progress', () => {
    const status = new AppStatus();
    status.working('resolving', 'Resolving…');
    status.progress = { phase: 'solve' };
    expect(status.phase).toBe('resolving');
    status.ready('3 packages');
    expect(status).toMatchObject({ phase: 'ready', status: '3 packages', progress: undefined });
  });
});
