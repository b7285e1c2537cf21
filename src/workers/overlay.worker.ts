import * as Comlink from 'comlink';
import { overlayView } from '../lib/project/components.ts';
import type { OverlayApi } from './overlay.api.ts';

/** The overlay engine behind the Overlays view: the worker only adapts src/lib/project. */
const api: OverlayApi = {
  overlayView: (files, wanted, dist) => overlayView(new Map(files), wanted, dist),
};

Comlink.expose(api);
