import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Vite build of the bench page only (root bench/browser → bench/.dist); the app build never sees it. */
export default defineConfig({
  root: fileURLToPath(new URL('./browser', import.meta.url)),
  base: './',
  logLevel: 'warn',
  publicDir: false,
  worker: { format: 'es' },
  // assetsInlineLimit 0: the wasm must stay a served file so compileStreaming sees application/wasm
  build: { outDir: fileURLToPath(new URL('./.dist', import.meta.url)), emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0, reportCompressedSize: false },
});
