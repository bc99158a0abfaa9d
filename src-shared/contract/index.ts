/**
 * THE contract between Pigeon's main process and its windows: every channel, its
 * request schema and response type, every event and every DTO that crosses. Main
 * (Electron IPC and the headless WebSocket), the preload script and the renderer
 * import it; nothing else crosses. The sandboxed preload imports `channel-names`
 * and types only, so it never bundles the schema library.
 *
 * A new channel: its request schema in requests.ts (unless one fits already), its
 * entry and response type in channels.ts, its name in channel-names.ts, and the core
 * command of the same name in src-main/core/messenger.ts. The core facade's type and
 * main's handler table follow from the channel map.
 */
export * from './api';
export * from './channel-names';
export * from './channels';
export * from './dtos';
export * from './errors';
export * from './events';
export * from './group-ids';
export * from './group-notice';
export * from './mentions';
export * from './profile-text';
export * from './requests';
export * from './trust';
