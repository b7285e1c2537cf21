import { execFileSync } from 'node:child_process';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/** Builds the bundled repositories' metadata packs (public/packs) before Vite copies public/, so the app's first open parses no XML. */
function bundledPacks(): Plugin {
  return {
    name: 'azl-bundled-packs',
    buildStart() {
      execFileSync(process.execPath, ['scripts/build-packs.mjs'], { stdio: 'inherit' });
    },
  };
}

/** Vite build of the static playground: Svelte UI, module workers, the resolver wasm as a hashed asset. */
export default defineConfig({
  base: './',
  plugins: [bundledPacks(), svelte()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    assetsInlineLimit: 0,
    // two pages: the playground, and embed.html (one image for documentation pages)
    rollupOptions: { input: { main: 'index.html', embed: 'embed.html' } },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
