/** A plain contact's local port cannot be bound; the message is meant for the user. */
export class PlainPortError extends Error {
  constructor(
    readonly protocol: 'UDP' | 'TCP',
    readonly port: number,
    readonly code: string,
  ) {
    super(
      code === 'EADDRINUSE'
        ? `Local ${protocol} port ${port} is already in use (by another program or another contact). Choose another port${protocol === 'UDP' ? ', or 0 to let the system pick one' : ''}.`
        : code === 'EACCES'
          ? `Not allowed to use local ${protocol} port ${port}. Choose a port above 1024.`
          : `Could not open local ${protocol} port ${port} (${code}).`,
    );
    this.name = 'PlainPortError';
  }
}
