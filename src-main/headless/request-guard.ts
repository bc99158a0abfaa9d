import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The headless token, compared in constant time. */
export function sameToken(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The server listens on 127.0.0.1 only, so a browser reaches it under one of these two
 * names. Any other Host means a name that was made to resolve here (DNS rebinding).
 */
function allowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Only pages served by this very server may call it (the token is checked too). */
function allowedOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  return origin === `http://${host}`;
}

export interface Refusal {
  status: number;
  message: string;
}

/**
 * Why a request must be refused before its token is even looked at, or undefined. The
 * port is the one the connection came in on, so the rule holds whatever port was picked.
 * `needsOrigin`: calls (WebSocket, upload) need the page's Origin, which browsers always
 * send on them; a plain page load carries none.
 */
export function refuseRequest(req: IncomingMessage, needsOrigin: boolean): Refusal | undefined {
  const { host, origin } = req.headers;
  if (!allowedHost(host, req.socket.localPort ?? 0))
    return { status: 421, message: 'Use http://127.0.0.1:<port>/ to reach Pigeon.' };
  if (needsOrigin && !allowedOrigin(origin, host))
    return { status: 403, message: 'Only the Pigeon page itself may call this server.' };
  return undefined;
}
