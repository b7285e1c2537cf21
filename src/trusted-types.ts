/**
 * The page's Trusted Types default policy (the CSP in index.html requires Trusted Types for every
 * script sink). It lets through only script URLs of this origin — the module workers Vite builds —
 * and defines no HTML or script conversion, so any raw-HTML or eval-like use of a string throws.
 * Svelte brings its own `svelte-trusted-html` policy for its compiled templates.
 */
interface TrustedTypePolicyFactoryLike {
  createPolicy(name: string, rules: { createScriptURL?: (input: string) => string }): unknown;
  defaultPolicy?: unknown;
}

const factory = (globalThis as { trustedTypes?: TrustedTypePolicyFactoryLike }).trustedTypes;
if (factory && !factory.defaultPolicy) {
  factory.createPolicy('default', {
    createScriptURL(input: string): string {
      const url = new URL(input, location.href);
      if (url.origin !== location.origin) throw new TypeError(`refused to load a script from another origin: ${url.href}`);
      return url.href;
    },
  });
}
