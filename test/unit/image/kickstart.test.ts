import { describe, expect, it } from 'vitest';
import { effectiveCommands, formatCommand, kickstartToRequest, lastCommand, parseKickstart, splitWords } from '../../../src/lib/image/kickstart/index.ts';
import { requestExcludes, requestGroups, requestSpecs, toResolveRequest } from '../../../src/lib/image/request.ts';

const parse = (text: string, extra: [string, string][] = []) => parseKickstart(new Map([['ks/main.ks', text], ...extra]), 'ks/main.ks');

describe('kickstart %packages', () => {
  it('applies the later line between name and -name, and keeps globs', () => {
    const { document } = parse('%packages\nvim*\n-vim-enhanced\nvim-enhanced\n-nano\nnano # comment\n-foo\n%end\n');
    expect(document.packages.packages.map((p) => p.spec)).toEqual(['vim*', 'vim-enhanced', 'nano']);
    expect(document.packages.excludes.map((e) => e.pattern)).toEqual(['foo']);
  });

  it('reads group switches, environments (last wins) and -@group', () => {
    const { document, diagnostics } = parse('%packages\n@^a-environment\n@^b-environment\n@core --nodefaults\n@standard --optional\n@Fedora Workstation\n@core\n@x\n-@x\n%end\n');
    expect(diagnostics).toEqual([]);
    expect(document.packages.environment?.id).toBe('b-environment');
    expect(document.packages.groups.map((g) => [g.id, g.noDefaults, g.withOptional])).toEqual([
      ['core', true, false],
      ['standard', false, true],
      ['Fedora Workstation', false, false],
    ]);
    expect(document.packages.excludedGroups.map((g) => g.id)).toEqual(['x']);
  });

  it('rejects --nodefaults with --optional at the line', () => {
    const { diagnostics } = parse('text\n%packages\n@core --nodefaults --optional\n%end\n');
    expect(diagnostics).toEqual([expect.objectContaining({ file: 'ks/main.ks', line: 3, severity: 'error', code: 'kickstart/conflicting-options' })]);
  });

  it('flags deprecated header spellings with the canonical one and still honours them', () => {
    const { document, diagnostics } = parse('%packages --instLangs=en --excludeWeakdeps\n%end\n');
    expect(document.packages.instLangs).toBe('en');
    expect(document.packages.excludeWeakdeps).toBe(true);
    expect(diagnostics.map((d) => [d.line, d.col, d.message])).toEqual([
      [1, 11, '--instLangs is deprecated; use --inst-langs'],
      [1, 26, '--excludeWeakdeps is deprecated; use --exclude-weakdeps'],
    ]);
  });

  it('lets each header replace the switches but keeps --inst-langs', () => {
    const { document } = parse('%packages --nocore --inst-langs=en --multilib\n%end\n%packages --excludedocs\n%end\n');
    expect(document.packages).toMatchObject({ nocore: false, multilib: false, excludeDocs: true, instLangs: 'en' });
  });

  it('warns about module streams, which F43 dropped', () => {
    const { diagnostics } = parse('%packages\n@nodejs:20/default\n%end\n');
    expect(diagnostics.map((d) => d.code)).toEqual(['kickstart/module-stream']);
  });

  it('reports removed header options as errors', () => {
    const { diagnostics } = parse('%packages --nobase\n%end\n');
    expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([['error', 'kickstart/removed-option']]);
  });
});

describe('kickstart structure', () => {
  it('follows %include relative to the including file and locates errors in the included file', () => {
    const { document, diagnostics } = parse('%include parts/common.ks\n', [['ks/parts/common.ks', 'timezone --isUtc Etc/UTC\n%include ../missing.ks\n']]);
    expect(document.files).toEqual(['ks/main.ks', 'ks/parts/common.ks']);
    expect(lastCommand(document, 'timezone')?.options).toEqual({ utc: true });
    expect(diagnostics.map((d) => [d.file, d.line, d.code])).toEqual([
      ['ks/parts/common.ks', 1, 'kickstart/deprecated-option'],
      ['ks/parts/common.ks', 2, 'kickstart/include-missing'],
    ]);
  });

  it('feeds %include and %ksappend lines inside %packages to the open section', () => {
    const { document, diagnostics } = parse('%packages\n%include pkgs.ks\n%ksappend more.ks\n%end\n', [
      ['ks/pkgs.ks', 'bash\r\n-kernel\r\n'],
      ['ks/more.ks', '@core\n'],
    ]);
    expect(diagnostics).toEqual([]);
    expect(document.packages.packages.map((p) => [p.spec, p.origin.file, p.origin.line])).toEqual([['bash', 'ks/pkgs.ks', 1]]);
    expect(document.packages.excludes.map((e) => e.pattern)).toEqual(['kernel']);
    expect(document.packages.groups.map((g) => g.id)).toEqual(['core']);
  });

  it('reports an include cycle', () => {
    const { diagnostics } = parse('%include b.ks\n', [['ks/b.ks', '%include main.ks\n']]);
    expect(diagnostics.map((d) => [d.file, d.line, d.code])).toEqual([['ks/b.ks', 1, 'kickstart/include-cycle']]);
  });

  it('reports a section without %end and a stray %end', () => {
    expect(parse('%end\n').diagnostics.map((d) => d.code)).toEqual(['kickstart/stray-end']);
    expect(parse('%post\necho hi\n').diagnostics.map((d) => [d.line, d.code])).toEqual([[1, 'kickstart/missing-end']]);
  });

  it('keeps script bodies, even lines that start with %', () => {
    const { document, diagnostics } = parse('%post --nochroot --log=/root/x.log\nrpm --eval %{fedora}\n%end\n');
    expect(diagnostics).toEqual([]);
    expect(document.scripts).toEqual([{ section: '%post', options: { nochroot: true, log: '/root/x.log' }, body: ['rpm --eval %{fedora}'], origin: { file: 'ks/main.ks', line: 1 } }]);
  });

  it('warns about unknown options of modelled commands, at the column', () => {
    const { diagnostics } = parse('selinux --enforcin\n');
    expect(diagnostics).toEqual([expect.objectContaining({ line: 1, col: 9, code: 'kickstart/unknown-option' })]);
  });

  it('splits words like shlex', () => {
    const r = splitWords(`bootloader --append="console=tty1 a\\"b" 'x y' z#c # comment`);
    expect(r.ok && r.value.map((t) => [t.text, t.col])).toEqual([
      ['bootloader', 1],
      ['--append=console=tty1 a"b', 12],
      ['x y', 41],
      ['z', 47],
    ]);
  });

  it('merges repeated single-instance commands as pykickstart does: value options survive, flags do not', () => {
    const { document } = parse('services --enabled=sshd\nbootloader --timeout=1 --disabled\nservices --disabled=kdump\nbootloader --append=quiet\nreboot\nshutdown\n');
    expect(effectiveCommands(document).map(formatCommand)).toEqual(['services --enabled=sshd --disabled=kdump', 'bootloader --append=quiet --timeout=1', 'shutdown']);
  });

  it('re-serialises commands with canonical spellings', () => {
    const { document } = parse('timezone --isUtc Etc/UTC\nautopart --noboot --nolvm\nservices --enabled="sshd,cloud-init"\n');
    expect(document.commands.map(formatCommand)).toEqual(['timezone Etc/UTC --utc', 'autopart --type=plain --noboot', 'services --enabled=sshd,cloud-init']);
  });
});

describe('kickstart → image request', () => {
  it('adds @core, kernel, the langpack and chrony as an installer layer', () => {
    const { document } = parse('lang de_DE.UTF-8 --addsupport=pt_BR\n%packages\n@standard\nvim\n%end\n');
    const req = kickstartToRequest(document);
    expect(req.layers.map((l) => [l.kind, l.specs.map((s) => s.spec), l.groups.map((g) => g.id)])).toEqual([
      ['installer-implied', ['kernel', 'langpacks-de', 'langpacks-pt', 'chrony'], ['core']],
      ['group', [], ['standard']],
      ['user', ['vim'], []],
    ]);
  });

  it('picks the best langpack when the repositories are known', () => {
    const { document } = parse('lang pt_BR.UTF-8\n%packages\n%end\n');
    const req = kickstartToRequest(document, { availableLangpacks: new Set(['langpacks-pt', 'langpacks-pt_BR']) });
    expect(requestSpecs(req)).toContain('langpacks-pt_BR');
  });

  it('leaves out what --nocore, -kernel, excludes and --ntp-disable switch off', () => {
    const { document } = parse('timesource --ntp-disable\n%packages --nocore --exclude-weakdeps --multilib\n-kernel\n-langpacks-*\nkernel-core\n%end\n');
    const req = kickstartToRequest(document, { arch: 'aarch64' });
    expect(req.layers.map((l) => l.kind)).toEqual(['user']);
    const rr = toResolveRequest(req);
    expect(rr).toEqual({ specs: ['kernel-core'], excludes: ['kernel', 'langpacks-*'], weakDeps: false, best: true, multilib: true });
    expect(req.arch).toBe('aarch64');
  });

  it('drops -@group from the selected groups and keeps it for the installer', () => {
    const { document } = parse('%packages\n@^server-environment\n@a\n-@a\n-@b\n%end\n');
    const req = kickstartToRequest(document);
    expect(requestGroups(req).map((g) => `${g.kind}:${g.id}`)).toEqual(['group:core', 'environment:server-environment']);
    expect(req.excludedGroups).toEqual(['a', 'b']);
    const seen: string[][] = [];
    toResolveRequest(req, (groups, excluded) => {
      seen.push(groups.map((g) => g.id), excluded);
      return [];
    });
    expect(seen).toEqual([['core', 'server-environment'], ['a', 'b']]);
  });

  it('reads repo and url lines as repositories', () => {
    const { document } = parse('url --url=https://example.org/os/\nrepo --name=extra --baseurl=https://example.org/extra/ --cost=50 --excludepkgs=a,b\n');
    const req = kickstartToRequest(document);
    expect(req.repos.map((r) => [r.name, r.url, r.urlKind, r.cost, r.excludes])).toEqual([
      ['anaconda', 'https://example.org/os/', 'baseurl', undefined, undefined],
      ['extra', 'https://example.org/extra/', 'baseurl', 50, ['a', 'b']],
    ]);
    expect(requestExcludes(req)).toEqual([]);
  });
});
