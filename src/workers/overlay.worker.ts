import * as Comlink from 'comlink';
import { renderComponent, validateOverlay } from '../lib/overlay/index.ts';
import type { OverlayApi } from './overlay.api.ts';

/** The overlay engine, exposed unchanged: the worker only adapts src/lib/overlay. */
const api: OverlayApi = {
  render: (request) => renderComponent(request),
  validate: (overlay) => validateOverlay(overlay),
};

Comlink.expose(api);
