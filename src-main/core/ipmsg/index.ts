// The IPMsg codec: bytes ⇄ packets, text encodings, entry and message extras.
// Pure functions, no I/O; the packet numberer's clock is injectable.
export * from './commands';
export * from './packet';
export * from './text';
export * from './entry';
export * from './message';
export * from './packet-number';
export * from './client';
export * from './attachments';
export * from './dir-stream';
