import * as Comlink from 'comlink';
import { renderComponent, validateOverlay } from '../lib/overlay/index.ts';
import { listOverlaidComponents, renderProjectComponent } from '../lib/project/components.ts';
import type { OverlayApi } from './overlay.api.ts';

/** The overlay engine, exposed unchanged: the worker only adapts src/lib/overlay and src/lib/project. */
const api: OverlayApi = {
  render: (request) => renderComponent(request),
  validate: (overlay) => validateOverlay(overlay),
  listComponents: (files) => listOverlaidComponents(new Map(files)),
  renderProjectComponent: (files, name) => renderProjectComponent(new Map(files), name),
};

Comlink.expose(api);
