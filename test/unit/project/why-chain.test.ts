import { describe, expect, it } from 'vitest';
import { whyChain } from '../../../src/lib/project/why-chain.ts';
import type { InstallReason, ResolvedPackage } from '../../../src/lib/resolve/types.ts';

function pkg(name: string, reason: InstallReason, requiredBy: string[] = []): ResolvedPackage {
  return {
    name, epoch: 0, version: '1', release: '1', arch: 'x86_64', nevra: `${name}-1-1.x86_64`, repo: 'r', summary: '', license: '', sourcerpm: '', location: '',
    checksum: { type: 'sha256', value: '' }, downloadSize: 1, installSize: 1, reason, requiredBy: requiredBy.map((n) => `${n}-1-1.x86_64`),
  };
}
const dep = (by: string, requirement: string): InstallReason => ({ kind: 'dependency', by: `${by}-1-1.x86_64`, requirement, text: '' });

describe('whyChain', () => {
  // openssh-server (asked) → openssh → libcrypto; libcrypto is also required by a long chain a → b → c
  const packages = [
    pkg('openssh-server', { kind: 'user', spec: 'openssh-server', text: '' }),
    pkg('a', { kind: 'group', group: 'core', groupPackageType: 'mandatory', text: '' }),
    pkg('b', dep('a', 'b'), ['a']),
    pkg('c', dep('b', 'c'), ['b']),
    pkg('openssh', dep('openssh-server', 'openssh = 8.7'), ['openssh-server']),
    pkg('libcrypto', dep('c', 'libcrypto.so.3'), ['c', 'openssh']),
  ];

  it('finds the shortest chain from what was asked for, with the requirement of each hop libsolv named', () => {
    expect(whyChain(packages, 'libcrypto-1-1.x86_64')).toEqual([
      { nevra: 'openssh-server-1-1.x86_64', name: 'openssh-server', askedBy: { kind: 'spec', spec: 'openssh-server' } },
      { nevra: 'openssh-1-1.x86_64', name: 'openssh', requirement: 'openssh = 8.7' },
      { nevra: 'libcrypto-1-1.x86_64', name: 'libcrypto' },
    ]);
  });

  it('a job libsolv words as "best package for job install" is what was asked for', () => {
    const best = [pkg('sudo', { kind: 'unknown', rule: 'SOLVER_RULE_BEST', text: 'best package for job install sudo' }), pkg('audit-libs', dep('sudo', 'libaudit.so.1'), ['sudo'])];
    expect(whyChain(best, 'audit-libs-1-1.x86_64')?.[0]).toEqual({ nevra: 'sudo-1-1.x86_64', name: 'sudo', askedBy: { kind: 'spec', spec: 'sudo' } });
  });

  it('a package asked for directly is its own chain; an unknown one has none', () => {
    expect(whyChain(packages, 'a-1-1.x86_64')).toEqual([{ nevra: 'a-1-1.x86_64', name: 'a', askedBy: { kind: 'group', group: 'core' } }]);
    expect(whyChain(packages, 'zzz-1-1.x86_64')).toBeUndefined();
  });
});
