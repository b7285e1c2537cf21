/** Image definitions in: kickstart, KIWI and the playground TOML form, all mapped to one ImagePackageRequest. */
export * from './request.ts';
export { parsePlaygroundImage, type PlaygroundContext } from './playground.ts';
export { type TextFiles } from '../files/text.ts';
export * from './kickstart/index.ts';
export * from './kiwi/index.ts';
