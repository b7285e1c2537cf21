/** What CheckoutState runs on an opened folder or .zip: loaded when one is opened, so the config loader, the readers and the overlay diff are not in the page's first download. */
export { CheckoutReader, loadFromReader, resolveComponent, resolveProject } from '../lib/config/index.ts';
export { componentSpecPath } from '../lib/project/build/overlays.ts';
export { unifiedDiff } from '../lib/overlay/index.ts';
export { directoryHandleSource, readBlobText } from '../lib/project/browser-source.ts';
export { isRendered, readCommittedRender, readComponentFiles, readImageDescriptions } from '../lib/project/checkout.ts';
export { planOpen } from '../lib/project/open-tree.ts';
