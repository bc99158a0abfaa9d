/**
 * A second, tiny api the preload exposes as `window.pigeonFiles`: the local path of a
 * File the user picked or dropped. The sandboxed renderer cannot read `File.path`
 * (gone since Electron 32); only the preload may ask Electron for it.
 */
export interface PigeonFilesApi {
  /** The absolute path of a picked or dropped file or folder; '' when it has none. */
  pathFor(file: File): string;
}

/** The name under which the preload exposes it. */
export const FILES_API_NAME = 'pigeonFiles';
