/** The tool that writes the exports, as SBOM creator fields name it. */

/** Name and version of the playground (`package.json`'s; a unit test keeps them equal). */
export const TOOL = { name: 'azl-playground', version: '0.1.0' } as const;
