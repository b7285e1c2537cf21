/** Entry of the playground page: mounts the Svelte app on its state. */
// First, so the Trusted Types default policy exists before anything creates a worker.
import './trusted-types.ts';
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { PlaygroundState } from './state/playground.svelte.ts';

const state = new PlaygroundState();
mount(App, { target: document.getElementById('app')!, props: { app: state } });
void state.start(new URLSearchParams(location.search));
