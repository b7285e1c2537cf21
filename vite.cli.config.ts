import { defineConfig } from 'vite';

/**
 * The CLI as one Node bundle (dist-cli/cli.mjs, commands as lazily imported chunks beside it), so
 * `azl-playground` starts without compiling TypeScript at run time. Dependencies are bundled too.
 */
export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'cli.mjs', chunkFileNames: '[name]-[hash].mjs' } },
  },
});
