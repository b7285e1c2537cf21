import { describe, expect, it } from 'vitest';
import { problemFixes } from '../../../src/lib/project/problem-fixes.ts';
import type { Problem } from '../../../src/lib/resolve/types.ts';

const problem: Problem = {
  rule: 'SOLVER_RULE_PKG_NOT_INSTALLABLE',
  text: 'package openssl-libs-1:3.0.1-5.el9.x86_64 is disabled',
  candidates: [],
  details: ['package openssh-server-8.7p1-7.el9.x86_64 requires libcrypto.so.3()(64bit), but none of the providers can be installed', 'package openssl-libs-1:3.0.1-5.el9.x86_64 is disabled'],
  solutions: [{ text: 'do not ask to install openssh-server', elements: ['do not ask to install openssh-server'] }],
};

describe('problemFixes', () => {
  it('drops the KIWI line that asks for the job libsolv would drop', () => {
    const kiwi = '<packages>\n    <package name="sudo"/>\n    <package name="openssh-server"/>\n</packages>';
    const fixes = problemFixes(problem, new Map([['sudo', { file: 'a.kiwi', line: 2 }], ['openssh-server', { file: 'a.kiwi', line: 3 }]]), () => kiwi);
    expect(fixes[0]).toEqual({ label: 'Stop asking for openssh-server (a.kiwi:3)', file: 'a.kiwi', line: 3, replacement: [] });
  });

  it('drops one element of a TOML package list, not the line', () => {
    const toml = 'packages = ["tar", "openssh-server", "less"]';
    const fixes = problemFixes(problem, new Map([['openssh-server', { file: 'images.toml', line: 1 }]]), () => toml);
    expect(fixes[0]?.replacement).toEqual(['packages = ["tar", "less"]']);
  });

  it('offers to exclude a package that is pulled in but not asked for, in the format of the file', () => {
    const ks = '%packages\n@core\nsudo\n%end';
    const p = { ...problem, details: ['package sudo-1.9-1.x86_64 requires libaudit.so.1, but none of the providers can be installed'], solutions: [] };
    const fixes = problemFixes({ ...p, details: ['package libfoo-1-1.x86_64 requires x, but none of the providers can be installed'] }, new Map([['sudo', { file: 'a.ks', line: 3 }]]), () => ks);
    expect(fixes).toEqual([{ label: 'Exclude libfoo (after a.ks:3)', file: 'a.ks', line: 3, replacement: ['sudo', '-libfoo'] }]);
  });
});
