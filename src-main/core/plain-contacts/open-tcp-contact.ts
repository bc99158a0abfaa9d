// Opening one plain TCP contact: resolve the program's host (if one is named), then
// start connecting or bind the port to wait on. Never throws: what went wrong is
// left in `problem`, in words for the user.
import type { PlainLinkDTO } from '../../../src-shared/contract';
import type { LookupFn } from '../net/host-lookup';
import { resolveContactHost } from './plain-contact-address';
import type { PlainContact } from './plain-contact-state';
import { PlainPortError } from './plain-port-error';
import { PlainTcpChannel } from './plain-tcp-channel';

export interface OpenTcpContactOptions {
  bindAddress: string;
  lookup?: LookupFn;
  lookupTimeoutMs?: number;
  onText: (text: string) => void;
  onLink: (link: Omit<PlainLinkDTO, 'queued'>) => void;
}

/** Sets `contact.tcp` (and `contact.address` when a host is named), or `contact.problem`. */
export async function openTcpContact(
  contact: PlainContact,
  options: OpenTcpContactOptions,
): Promise<void> {
  const { saved } = contact;
  let address: string | undefined;
  if (saved.host !== '') {
    const resolved = await resolveContactHost(saved.host, {
      ...(options.lookup ? { lookup: options.lookup } : {}),
      ...(options.lookupTimeoutMs ? { timeoutMs: options.lookupTimeoutMs } : {}),
    });
    if (!resolved.ok) {
      contact.problem = resolved.error;
      return;
    }
    address = resolved.address;
    contact.address = address;
  }
  const channel = new PlainTcpChannel({
    connection: saved.connection,
    address,
    port: saved.port,
    bindAddress: options.bindAddress,
    encoding: saved.encoding,
    lineBased: saved.lineBased,
    onText: options.onText,
    onLink: options.onLink,
  });
  try {
    await channel.open();
    contact.tcp = channel;
    delete contact.problem;
  } catch (error) {
    await channel.close();
    contact.problem =
      error instanceof PlainPortError
        ? error.message
        : `Could not open the contact (${error instanceof Error ? error.message : String(error)}).`;
  }
}
