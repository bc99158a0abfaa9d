/**
 * The headless WebSocket's close code for a page whose token this server does not know:
 * Pigeon restarted (a new token each start) while the tab stayed open. A browser never
 * sees why an upgrade was refused, so the server accepts this one and closes it at once
 * with this code; the page then stops reconnecting and asks for the new address.
 */
export const WS_CLOSE_TOKEN_UNKNOWN = 4401;
