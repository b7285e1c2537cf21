import * as Comlink from 'comlink';
import { overlayView } from '../lib/project/components.ts';
import { componentConfigView } from '../lib/project/component-config.ts';
import { ProjectLoader } from '../lib/project/load.ts';
import { withRe2 } from '../lib/re2.ts';
import type { OverlayApi } from './overlay.api.ts';

// the Overlays and Config views ask about the same files after each edit: one load serves both
const loader = new ProjectLoader();

/** The overlay engine behind the Overlays view: the worker only adapts src/lib/project. */
const api: OverlayApi = {
  overlayView: (files, wanted, dist) => withRe2(() => overlayView(new Map(files), wanted, dist, loader)),
  componentConfig: (files, wanted) => withRe2(() => componentConfigView(new Map(files), wanted, loader)),
};

Comlink.expose(api);
