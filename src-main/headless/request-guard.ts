import { timingSafeEqual } from 'node:crypto';

/** The headless token, compared in constant time. */
export function sameToken(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Only pages served by this very server may call it (the token is checked too). */
export function allowedOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true; // non-browser clients (tests) send none
  if (!host) return false;
  return origin === `http://${host}`;
}
