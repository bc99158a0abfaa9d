// File and folder transfer: what was offered to whom, the TCP server that serves it, the
// clients that fetch offers, safe names and progress. Runs under plain Node.
// outgoing/ serves what we offer, incoming/ fetches what we are offered; the files
// beside this one are what both sides use.
export * from './connection';
export * from './file-request';
export * from './progress-meter';
export * from './safe-name';
export * from './transfer-error';
export * from './outgoing/file-sender';
export * from './outgoing/file-server';
export * from './outgoing/folder-walker';
export * from './outgoing/offer-registry';
export * from './incoming/file-client';
export * from './incoming/folder-client';
