import { describe, expect, it } from 'vitest';
import { opensQuickRequest } from '../../../src/lib/project/page-mode.ts';

describe('which page a URL opens', () => {
  it('a quick request for spec=, group=, repo= or mode=request; a project otherwise', () => {
    for (const query of ['spec=bash', 'group=core', 'repo=bundle:x', 'mode=request', 'project=demo&spec=bash']) expect(opensQuickRequest(new URLSearchParams(query)), query).toBe(true);
    for (const query of ['', 'project=demo', 'project=demo&image=vm-base', 'mode=project', 'arch=aarch64']) expect(opensQuickRequest(new URLSearchParams(query)), query).toBe(false);
  });
});
