/** Entry of `embed.html`: one project image for a documentation page, and the postMessage API for its host. */
// First, so the Trusted Types default policy exists before anything creates a worker.
import '../trusted-types.ts';
import { mount } from 'svelte';
import { registerSW } from 'virtual:pwa-register';
import { readEmbedOptions } from '../lib/share/embed-protocol.ts';
import { EmbedState } from '../state/embed.svelte.ts';
import { Playground } from '../state/playground.svelte.ts';
import { ResolverClient } from '../workers/resolver.client.ts';
import '../ui/palette.css';
import Embed from './Embed.svelte';

const params = new URLSearchParams(location.search);
const options = readEmbedOptions(params);
const appBaseUrl = new URL(import.meta.env.BASE_URL, location.href).href;
const root = document.documentElement;
if (options.accent) root.style.setProperty('--accent', options.accent);
if (options.font) root.style.setProperty('--font', options.font);

const playground = new Playground({
  createResolver: (onCrash) => {
    // an embed always shows a project
    const client = new ResolverClient(onCrash);
    client.preloadProject();
    return client;
  },
  // The embed shows the overlay changes of the image build itself; the rendering worker is never started.
  createOverlays: () => ({ view: async (_files, wanted) => ({ components: [], selected: wanted, outcome: undefined, dist: '' }), config: async () => ({ components: [], selected: '' }) }),
  fetch: globalThis.fetch.bind(globalThis),
  appBaseUrl,
});

// Replies and events go to the host origin only, and only when `host=` named one.
const host = options.host;
const post = host && window.parent !== window ? (message: unknown) => window.parent.postMessage(message, host) : undefined;
const embed = new EmbedState(playground, options, post, appBaseUrl);
if (host) {
  window.addEventListener('message', (event) => {
    if (event.origin !== host || event.source !== window.parent) return;
    void embed.receive(event.data);
  });
}

mount(Embed, { target: document.getElementById('embed')!, props: { embed } });

// The host sizes the frame to the content: the height on every layout change.
let lastHeight = 0;
new ResizeObserver(() => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === lastHeight) return;
  lastHeight = height;
  embed.emit('resize', { height });
}).observe(document.documentElement);

void embed.start(params, location.hash);

// Offline like the playground; an embed never reloads itself for an update (it applies once every page of the site is closed).
if ('serviceWorker' in navigator) registerSW({});
