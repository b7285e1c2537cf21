/** Vitest setup: the RE2 port loaded, as the CLI and the workers' entry points have it when a pattern needs it (src/lib/re2.ts). */
import { loadRe2 } from '../../src/lib/re2.ts';

await loadRe2();
