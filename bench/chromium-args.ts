/** The browser every bench run and browser test launches: Debian's Chromium, headless, kept off the network. */

/** Debian's Chromium (Playwright's own download cannot be installed here). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Flags from the brief: headless, and nothing that would reach beyond 127.0.0.1. The network is
 * shut out by the browser itself (every host name resolves to nothing, and whatever is not loopback
 * goes to a proxy that is not there), not by Playwright's request routing: routing turns Chromium's
 * HTTP cache off, and with it the code caches that hang on it, which a returning visitor has.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--proxy-server=http://127.0.0.1:9',
];
