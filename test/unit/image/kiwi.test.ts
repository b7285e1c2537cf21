import { describe, expect, it } from 'vitest';
import { kiwiToRequest, parseKiwi } from '../../../src/lib/image/kiwi/index.ts';
import { requestExcludes, requestGroups, requestSpecs, toResolveRequest } from '../../../src/lib/image/request.ts';

// An Azure-Linux-4-style layout: one description that includes fragments, profiles composed by <requires>.
const MAIN = `<?xml version="1.0" encoding="utf-8"?>
<image schemaversion="7.4" name="AzureLinux">
  <description type="system"><author>Test</author></description>
  <preferences>
    <version>4</version>
    <packagemanager>dnf5</packagemanager>
    <locale>en_US</locale>
  </preferences>
  <include from="this://./common/base.xml"/>
  <include from="this://./teams/cloud.xml"/>
  <repository type="rpm-md" alias="fedora-43-everything">
    <source path="https://example.org/fedora/43/Everything/x86_64/os/"/>
  </repository>
  <repository type="rpm-md" alias="azl-extra" profiles="CloudCore" priority="10">
    <source path="https://example.org/azl/4.0/extra/"/>
  </repository>
  <packages type="bootstrap">
    <package name="filesystem"/>
  </packages>
</image>
`;

const BASE = `<image>
  <profiles>
    <profile name="Core" description="Core packages"/>
  </profiles>
  <packages type="image" patternType="plusRecommended" profiles="Core">
    <package name="bash"/>
    <package name="dnf5"/>
    <package name="uboot-tools" arch="aarch64"/>
    <package name="grub2-pc" arch="x86_64"/>
    <namedCollection name="core"/>
  </packages>
</image>
`;

const CLOUD = `<image>
  <profiles>
    <profile name="CloudServer" description="Server bits"/>
    <profile name="CloudCore" description="Cloud core">
      <requires profile="Core"/>
      <requires profile="CloudServer"/>
    </profile>
    <profile name="Cloud-Base-Azure" description="Azure">
      <requires profile="CloudCore"/>
    </profile>
    <profile name="Cloud-Base-Generic" description="Generic">
      <requires profile="CloudCore"/>
    </profile>
  </profiles>
  <preferences profiles="Cloud-Base-Azure" arch="x86_64">
    <type image="oem" format="vhd-fixed" filesystem="ext4"/>
  </preferences>
  <preferences profiles="Cloud-Base-Generic" arch="x86_64">
    <type image="oem" format="qcow2" filesystem="ext4"/>
  </preferences>
  <packages type="bootstrap" patternType="plusRecommended" profiles="CloudCore">
    <package name="azurelinux-release-cloud"/>
  </packages>
  <packages type="image" patternType="plusRecommended" profiles="CloudCore">
    <ignore name="kernel"/>
    <ignore name="*-firmware"/>
    <package name="python3-dnf-plugin-tracer"/>
  </packages>
  <packages type="image" profiles="CloudServer">
    <package name="cloud-init"/>
    <package name="bash"/>
  </packages>
  <packages type="image" profiles="Cloud-Base-Azure">
    <package name="WALinuxAgent"/>
  </packages>
  <packages type="image" profiles="Cloud-Base-Generic">
    <package name="qemu-guest-agent"/>
  </packages>
  <packages type="oem" profiles="Cloud-Base-Azure">
    <package name="dracut-kiwi-oem-repart"/>
  </packages>
</image>
`;

const files = new Map([
  ['images/AzureLinux.kiwi', MAIN],
  ['images/common/base.xml', BASE],
  ['images/teams/cloud.xml', CLOUD],
]);

describe('KIWI description', () => {
  const { description, diagnostics } = parseKiwi(files, 'images/AzureLinux.kiwi');

  it('reads the description and its fragments', () => {
    expect(diagnostics).toEqual([]);
    expect(description?.name).toBe('AzureLinux');
    expect(description?.files).toEqual(['images/AzureLinux.kiwi', 'images/common/base.xml', 'images/teams/cloud.xml']);
    expect(description?.profiles.map((p) => p.name)).toEqual(['Core', 'CloudServer', 'CloudCore', 'Cloud-Base-Azure', 'Cloud-Base-Generic']);
  });

  it('locates items in the fragment they come from', () => {
    const tracer = description?.packages.flatMap((s) => s.packages).find((p) => p.name === 'python3-dnf-plugin-tracer');
    expect(tracer?.origin).toEqual({ file: 'images/teams/cloud.xml', line: 27 });
  });

  it('builds the request for a leaf profile through its <requires> chain', () => {
    const r = kiwiToRequest(description!, { profiles: ['Cloud-Base-Azure'] });
    expect(r.diagnostics).toEqual([]);
    expect(r.usedProfiles).toEqual(['Cloud-Base-Azure', 'CloudCore', 'Core', 'CloudServer']);
    expect(r.imageType).toBe('oem');
    expect(r.preferences).toEqual({ version: '4', packagemanager: 'dnf5', locale: 'en_US' });
    expect(r.request.layers.map((l) => [l.kind, l.label])).toEqual([
      ['group', 'namedCollection'],
      ['user', 'bootstrap'],
      ['user', 'image'],
    ]);
    // document order after include expansion: the fragments come before the main file's own bootstrap section
    expect(requestSpecs(r.request)).toEqual([
      'azurelinux-release-cloud',
      'filesystem',
      'bash',
      'dnf5',
      'grub2-pc',
      'python3-dnf-plugin-tracer',
      'cloud-init',
      'WALinuxAgent',
      'dracut-kiwi-oem-repart',
    ]);
    expect(requestGroups(r.request).map((g) => g.id)).toEqual(['core']);
    expect(requestExcludes(r.request)).toEqual(['*-firmware', 'kernel']);
    expect(r.request.weakDeps).toBe(true);
    expect(r.request.repos.map((x) => [x.name, x.url, x.priority])).toEqual([
      ['fedora-43-everything', 'https://example.org/fedora/43/Everything/x86_64/os/', undefined],
      ['azl-extra', 'https://example.org/azl/4.0/extra/', 10],
    ]);
  });

  it('filters by architecture', () => {
    const r = kiwiToRequest(description!, { profiles: ['Cloud-Base-Generic'], arch: 'aarch64' });
    const specs = requestSpecs(r.request);
    expect(specs).toContain('uboot-tools');
    expect(specs).not.toContain('grub2-pc');
    expect(specs).toContain('qemu-guest-agent');
    expect(specs).not.toContain('WALinuxAgent');
    // the oem section only applies when a <type image="oem"> applies, and the preferences are x86_64-only
    expect(r.imageType).toBeNull();
    expect(specs).not.toContain('dracut-kiwi-oem-repart');
  });

  it('uses onlyRequired (no weak deps) when no applicable section sets patternType', () => {
    const r = kiwiToRequest(description!, { profiles: ['CloudServer'] });
    expect(r.request.weakDeps).toBe(false);
    expect(requestSpecs(r.request)).toEqual(['filesystem', 'cloud-init', 'bash']);
    expect(r.request.repos.map((x) => x.name)).toEqual(['fedora-43-everything']);
  });

  it('maps to the resolver request', () => {
    const r = kiwiToRequest(description!, { profiles: ['Cloud-Base-Azure'] });
    const expand = (groups: { id: string }[]) => groups.map((g) => ({ group: g.id, name: `${g.id}-member`, type: 'mandatory' as const }));
    const rr = toResolveRequest(r.request, expand);
    expect(rr.excludes).toEqual(['*-firmware', 'kernel']);
    expect(rr.weakDeps).toBe(true);
    expect(rr.best).toBe(true);
    expect(rr.groupPackages).toEqual([{ group: 'core', name: 'core-member', type: 'mandatory' }]);
  });

  it('reports an unknown profile with the defined ones', () => {
    const r = kiwiToRequest(description!, { profiles: ['Nope'] });
    expect(r.diagnostics[0]?.code).toBe('kiwi/unknown-profile');
    expect(r.diagnostics[0]?.hint).toContain('Cloud-Base-Azure');
  });

  it('reports a <requires> cycle', () => {
    const cyc = new Map([
      ['a.kiwi', '<image name="x"><profiles><profile name="A"><requires profile="B"/></profile><profile name="B"><requires profile="A"/></profile></profiles></image>'],
    ]);
    const r = kiwiToRequest(parseKiwi(cyc, 'a.kiwi').description!, { profiles: ['A'] });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['kiwi/profile-cycle']);
  });
});

describe('KIWI errors', () => {
  it('reports malformed XML with line and column', () => {
    const r = parseKiwi(new Map([['x.kiwi', '<image>\n  <packages type="image">\n    <package name="a">\n  </packages>\n</image>\n']]), 'x.kiwi');
    expect(r.description).toBeNull();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ file: 'x.kiwi', line: 4, severity: 'error', code: 'kiwi/xml' });
  });

  it('reports a missing include at the <include> element', () => {
    const r = parseKiwi(new Map([['d/x.kiwi', '<image>\n  <include from="this://./gone.xml"/>\n</image>']]), 'd/x.kiwi');
    expect(r.diagnostics).toEqual([expect.objectContaining({ file: 'd/x.kiwi', line: 2, col: 3, code: 'kiwi/include-missing', message: 'included fragment d/gone.xml is not in the project' })]);
  });

  it('warns about module collections and removal sections', () => {
    const r = parseKiwi(new Map([['x.kiwi', '<image><packages type="image"><collectionModule name="nodejs" stream="20"/></packages><packages type="delete"><package name="x"/></packages></image>']]), 'x.kiwi');
    const out = kiwiToRequest(r.description!);
    expect(out.diagnostics.map((d) => d.code)).toEqual(['kiwi/module-ignored', 'kiwi/removal-not-modelled']);
  });
});
