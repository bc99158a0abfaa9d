// Opening one plain UDP contact: resolve its host, bind its local port. Never throws:
// what went wrong is left in `problem`, in words for the user.
import type { LookupFn } from '../net/host-lookup';
import { resolveContactHost } from './plain-contact-address';
import type { PlainContact } from './plain-contact-state';
import { PLAIN_SEND_BYTES } from './plain-text-codec';
import { PlainUdpChannel, PlainUdpPortError, type PlainUdpText } from './plain-udp-channel';

export interface OpenPlainContactOptions {
  /** A contact added before: its last port is tried first, then any free one. */
  again: boolean;
  bindAddress: string;
  lookup?: LookupFn;
  lookupTimeoutMs?: number;
  onText: (text: PlainUdpText) => void;
  onError: (error: Error) => void;
}

/**
 * Sets `contact.address` and `contact.channel` (and `saved.boundPort` to the port
 * bound), or `contact.problem`.
 */
export async function openPlainContact(
  contact: PlainContact,
  options: OpenPlainContactOptions,
): Promise<void> {
  const { saved } = contact;
  const resolved = await resolveContactHost(saved.host, {
    ...(options.lookup ? { lookup: options.lookup } : {}),
    ...(options.lookupTimeoutMs ? { timeoutMs: options.lookupTimeoutMs } : {}),
  });
  if (!resolved.ok) {
    contact.problem = resolved.error;
    return;
  }
  contact.address = resolved.address;
  // A port the user chose is kept to; otherwise the last one, so a program that was
  // told where to answer still reaches us, and any port if that one is taken now.
  const tries =
    saved.localPort > 0
      ? [saved.localPort]
      : options.again && saved.boundPort > 0
        ? [saved.boundPort, 0]
        : [0];
  for (const localPort of tries) {
    const channel = new PlainUdpChannel({
      contact: { address: resolved.address, port: saved.port, encoding: saved.encoding },
      localPort,
      bindAddress: options.bindAddress,
      // The tutorials' chat programs send from one socket and listen on another: what
      // comes from the contact's address is its reply, whatever the source port.
      acceptFromAnyPort: true,
      maxSendBytes: PLAIN_SEND_BYTES,
      onText: options.onText,
      onError: options.onError,
    });
    try {
      const local = await channel.open();
      contact.channel = channel;
      delete contact.problem;
      saved.boundPort = local.port;
      return;
    } catch (error) {
      contact.problem =
        error instanceof PlainUdpPortError
          ? error.message
          : `Could not open the contact (${error instanceof Error ? error.message : String(error)}).`;
    }
  }
}
