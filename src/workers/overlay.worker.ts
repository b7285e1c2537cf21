import * as Comlink from 'comlink';
import { renderComponent, validateOverlay } from '../lib/overlay/index.ts';
import { overlayView } from '../lib/project/components.ts';
import type { OverlayApi } from './overlay.api.ts';

/** The overlay engine, exposed unchanged: the worker only adapts src/lib/overlay and src/lib/project. */
const api: OverlayApi = {
  render: (request) => renderComponent(request),
  validate: (overlay) => validateOverlay(overlay),
  overlayView: (files, wanted) => overlayView(new Map(files), wanted),
};

Comlink.expose(api);
