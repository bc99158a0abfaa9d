// File and folder transfer: what was offered to whom, the TCP server that serves it, the
// clients that fetch offers, safe names and progress. Runs under plain Node.
export * from './connection';
export * from './file-client';
export * from './file-request';
export * from './file-sender';
export * from './file-server';
export * from './folder-client';
export * from './folder-walker';
export * from './offer-registry';
export * from './progress-meter';
export * from './safe-name';
export * from './transfer-error';
