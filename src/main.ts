/** Entry of the playground page: the state on its workers, mounted in the Svelte app. */
// First, so the Trusted Types default policy exists before anything creates a worker.
import './trusted-types.ts';
import { mount } from 'svelte';
import { registerSW } from 'virtual:pwa-register';
import App from './ui/App.svelte';
import { Playground } from './state/playground.svelte.ts';
import { OverlayClient } from './workers/overlay.client.ts';
import { ResolverClient } from './workers/resolver.client.ts';
import { PRESENCE_CHANNEL } from './state/tab-presence.svelte.ts';

const playground = new Playground({
  createResolver: (onCrash) => new ResolverClient(onCrash),
  createOverlays: (onCrash) => new OverlayClient(onCrash),
  fetch: globalThis.fetch.bind(globalThis),
  appBaseUrl: new URL(import.meta.env.BASE_URL, location.href).href,
  replaceUrl: (url) => history.replaceState(null, '', url),
  presenceChannel: 'BroadcastChannel' in globalThis ? new BroadcastChannel(PRESENCE_CHANNEL) : undefined,
  preferences: localStorage,
});
// A closed or crashed-away tab keeps what was typed last, and the other tabs stop counting it.
addEventListener('pagehide', () => {
  playground.project.saved.flushNow();
  playground.presence.leave();
});
addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && playground.project.saved.flushNow());
mount(App, { target: document.getElementById('app')!, props: { playground } });

// Offline: the service worker precaches the app, its workers, the wasm and the bundled packs. A new
// version waits until the user takes it ("Reload to update"), and then only once no solve runs.
if ('serviceWorker' in navigator) {
  const applyUpdate = registerSW({
    onNeedRefresh: () => playground.update.offer(),
    onOfflineReady: () => (playground.update.offlineReady = true),
  });
  playground.update.connect({ busy: () => playground.busy, apply: () => applyUpdate(true) });
}
void playground.start(new URLSearchParams(location.search), location.hash);
