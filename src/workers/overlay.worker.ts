import * as Comlink from 'comlink';
import { overlayView } from '../lib/project/components.ts';
import { componentConfigView } from '../lib/project/component-config.ts';
import { withRe2 } from '../lib/re2.ts';
import type { OverlayApi } from './overlay.api.ts';

/** The overlay engine behind the Overlays view: the worker only adapts src/lib/project. */
const api: OverlayApi = {
  overlayView: (files, wanted, dist) => withRe2(() => overlayView(new Map(files), wanted, dist)),
  componentConfig: (files, wanted) => withRe2(() => componentConfigView(new Map(files), wanted)),
};

Comlink.expose(api);
