import { execFileSync } from 'node:child_process';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { inlineScriptHashes, metaPolicy } from './scripts/content-security-policy.ts';

/** Builds the bundled repositories' metadata packs (public/packs) before Vite copies public/, so the app's first open parses no XML. */
function bundledPacks(): Plugin {
  return {
    name: 'azl-bundled-packs',
    buildStart() {
      execFileSync(process.execPath, ['scripts/build-packs.mjs'], { stdio: 'inherit' });
    },
  };
}

/** Puts the one Content-Security-Policy into each page, allowing that page's inline scripts by their sha256. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'azl-content-security-policy',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => {
        if (!html.includes('%AZL_CSP%')) throw new Error('a page lacks the %AZL_CSP% placeholder of its Content-Security-Policy meta tag');
        return html.replace('%AZL_CSP%', metaPolicy(inlineScriptHashes(html)));
      },
    },
  };
}

/** Vite build of the static playground: Svelte UI, module workers, the resolver wasm as a hashed asset, a service worker for offline use. */
export default defineConfig({
  base: './',
  plugins: [
    bundledPacks(),
    contentSecurityPolicy(),
    svelte(),
    VitePWA({
      // a new version is offered, never forced (src/state/app-update.svelte.ts)
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        // the shell, the workers, both wasm modules (resolver.wasm and rpmmd.wasm, the XML reader; Workbox
        // leaves .wasm out by default), the examples and the bundled packs
        globPatterns: ['**/*.{html,js,css,wasm,json,gz,md,toml,spec,kiwi,ks}'],
        // the bundled repositories' XML is not needed once their packs exist
        globIgnores: ['repos/*/**/repodata/**', 'repos/*/repodata/**', '**/*.map'],
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        // ?project=…, ?mode=request&…, embed.html?… all open the precached pages
        ignoreURLParametersMatching: [/.*/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    assetsInlineLimit: 0,
    // two pages: the playground, and embed.html (one image for documentation pages)
    rollupOptions: {
      input: { main: 'index.html', embed: 'embed.html' },
      output: {
        // The XML parser serves only lazily loaded views; left to itself the bundler put it in a
        // chunk the page's entry imports, so every first open downloaded it.
        manualChunks: (id) => (/[\\/]node_modules[\\/](saxes|xmlchars)[\\/]/.test(id) ? 'saxes' : undefined),
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
