/** Pigeon's release, as written in package.json (a unit test keeps the two equal). */
export const PIGEON_APP_VERSION = '0.1.0';
