import { expect, test } from 'vitest';
import { warmUpResolver } from '../../../src/lib/resolve/warm-up.ts';
import { resolverModule } from '../../support/wasm.ts';

test('the warm-up repository loads and solves in an instance of its own (a broken warm-up would only ever fail silently in the worker)', async () => {
  await expect(warmUpResolver(await resolverModule(), 'x86_64')).resolves.toBeUndefined();
});
