/** KIWI reading: parse a description with its fragments and map a profile's packages to the common image request. */
export { parseKiwi, type KiwiDescription, type KiwiItem, type KiwiPackagesSection, type KiwiParseResult, type KiwiPreferences, type KiwiProfile, type KiwiRepository } from './description.ts';
export { kiwiToRequest, resolveProfiles, type KiwiRequestOptions, type KiwiRequestResult } from './to-request.ts';
