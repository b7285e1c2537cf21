import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { patternLiterals } from '../../../src/lib/overlay/regex-literal.ts';
import { compileRe2, re2Test, replaceAllLiteral } from '../../../src/lib/overlay/regex.ts';

/** Go's ReplaceAllLiteralString for patterns that cannot match empty, computed by the RE2 engine itself. */
function engineReplace(source: string, text: string, replacement: string): string {
  const matcher = RE2JS.compile(source).matcher(text);
  let out = '';
  let last = 0;
  let from = 0;
  while (from <= text.length && matcher.find(from)) {
    out += text.slice(last, matcher.start()) + replacement;
    last = matcher.end();
    from = matcher.end();
  }
  return out + text.slice(last);
}

describe('plain text in RE2 patterns', () => {
  it.each([
    ['%setup -q', '%setup -q', '%setup -q'],
    ['linux-%{tarfile_release}', 'linux-%{tarfile_release}', 'linux-%{tarfile_release}'],
    ['%\\{_datadir\\}/%\\{name\\}', '%{_datadir}/%{name}', '%{_datadir}/%{name}'],
    ['if \\[ -e x \\]; then', 'if [ -e x ]; then', 'if [ -e x ]; then'],
    ['a{,5}', 'a{,5}', 'a{,5}'],
    ['naïve 😀', 'naïve 😀', 'naïve 😀'],
  ])('%s is the literal %s', (source, literal, required) => {
    expect(patternLiterals(source)).toEqual({ literal, required });
  });

  it.each([
    ['%define specversion .+', '%define specversion '],
    ['^BuildRequires:.*unsignedx64.*$', 'BuildRequires:'],
    ['%global dist.*', '%global dist'],
    ['colou?r', 'colo'],
    ['ab*c', 'a'],
    ['ab+', 'a'],
    ['ab{2}', 'a'],
    ['x😀*', 'x'],
    ['\\d+ apples', ''],
    ['(?i)fedora', ''],
    ['[Ff]edora', ''],
    ['abc|x', ''],
    ['trailing\\', 'trailing'],
    ['^fixed', 'fixed'],
  ])('%s needs %j in every match, and is not plain text', (source, required) => {
    expect(patternLiterals(source)).toEqual({ literal: null, required });
  });

  const texts = ['', 'a', 'colour color colr', 'xx😀😀x', '%setup -q\n%setup -q -n x', 'abcabcab', 'aaa', 'BuildRequires: unsignedx64-shim', 'naïve 😀 naïve 😀'];
  const patterns = ['%setup -q', 'colou?r', 'ab*c', 'ab+', 'aa', 'x😀*', 'naïve 😀', '^BuildRequires:.*unsignedx64.*$', 'abc|x', 'a{2}'];

  it('replaces exactly as the RE2 engine does, with and without the shortcut', () => {
    for (const source of patterns) {
      const compiled = compileRe2(source);
      if (!compiled.ok) throw new Error(compiled.message);
      for (const text of texts) {
        expect(replaceAllLiteral(compiled.pattern, text, '<$1>'), `${source} on ${JSON.stringify(text)}`).toBe(engineReplace(source, text, '<$1>'));
        expect(re2Test(compiled.pattern, text), `${source} on ${JSON.stringify(text)}`).toBe(RE2JS.compile(source).matcher(text).find());
      }
    }
  });

  it('does not compile a plain-text pattern until the program is asked for', () => {
    const compiled = compileRe2('RPM_VENDOR=redhat-literal-only');
    if (!compiled.ok) throw new Error(compiled.message);
    expect(compiled.pattern.literal).toBe('RPM_VENDOR=redhat-literal-only');
    expect(compiled.pattern.re.matcher('x RPM_VENDOR=redhat-literal-only').find()).toBe(true);
  });
});
