/** Kickstart reading: parse project files, view commands, map to the common image request. */
export { parseKickstart, type KickstartCommand, type KickstartDocument, type KickstartParseResult, type KickstartScript } from './parser.ts';
export { type KickstartPackages } from './packages.ts';
export { effectiveCommands, formatCommand, kickstartLocales, kickstartRepos, lastCommand, listOption } from './commands.ts';
export { installerImplied, kickstartToRequest, type KickstartRequestOptions } from './to-request.ts';
export { splitWords, quoteWord } from './lexer.ts';
