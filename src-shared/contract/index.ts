/**
 * THE contract between Pigeon's main process and its windows: every channel, its
 * request schema and response type, every event and every DTO that crosses. Main
 * (Electron IPC and the headless WebSocket), the preload script and the renderer
 * import it; nothing else crosses. The sandboxed preload imports `channel-names`
 * and types only, so it never bundles the schema library.
 */
export * from './api';
export * from './channel-names';
export * from './channels';
export * from './dtos';
export * from './errors';
export * from './events';
export * from './requests';
