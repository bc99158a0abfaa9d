// Text to a plain TCP contact: written at once while connected; otherwise queued and
// sent on connect, or refused with the reason, as the user chose for the contact.
// Nothing typed is lost silently: whatever is still waiting when the contact goes
// away fails with a reason, so Resend offers it.
import { ContractError, type MessageDTO } from '../../../src-shared/contract';
import type { PlainContact } from './plain-contact-state';
import { afterSend } from './sent-message';

export interface TcpSendingDeps {
  /** Keep the message's new state in the history and tell the windows. */
  settle: (message: MessageDTO) => void;
  /** Run work after everything queued for the contact. */
  enqueue: (contact: PlainContact, work: () => Promise<void>) => Promise<void>;
  emitPeer: (contact: PlainContact) => void;
  /** Whether the contact is still there to wait for a connection. */
  canWait: (contact: PlainContact) => boolean;
}

export class TcpSending {
  constructor(private readonly deps: TcpSendingDeps) {}

  async send(contact: PlainContact, message: MessageDTO): Promise<void> {
    const { tcp, saved } = contact;
    if (tcp?.isConnected) {
      this.deps.settle(afterSend(message, await tcp.send(message.text), saved.encoding));
      return;
    }
    if (saved.whenDisconnected === 'queue' && this.deps.canWait(contact)) {
      const queued: MessageDTO = { ...message, state: 'queued' };
      delete queued.error;
      contact.waiting.push(queued);
      this.deps.settle(queued);
      this.deps.emitPeer(contact);
      return;
    }
    const why = contact.problem ?? contact.link?.reason ?? 'The program is not connected.';
    this.deps.settle({
      ...message,
      state: 'failed',
      error: `Not sent: not connected to the program. ${why}`,
    });
  }

  /** The connection is up: what was typed meanwhile goes out, in order. */
  sendWaiting(contact: PlainContact): void {
    for (const message of contact.waiting.splice(0)) {
      const sending: MessageDTO = { ...message, state: 'sending' };
      this.deps.settle(sending);
      void this.deps.enqueue(contact, () => this.send(contact, sending));
    }
    this.deps.emitPeer(contact);
  }

  /** Cancel a message still waiting for the connection, so it never goes out. */
  cancel(contact: PlainContact | undefined, message: MessageDTO | undefined): MessageDTO {
    const at = contact?.waiting.findIndex((waiting) => waiting.id === message?.id) ?? -1;
    if (!contact || !message || at < 0) {
      throw new ContractError(
        'failed',
        'Only a message still waiting to be sent can be cancelled.',
      );
    }
    contact.waiting.splice(at, 1);
    const cancelled: MessageDTO = { ...message, state: 'cancelled' };
    delete cancelled.error;
    this.deps.settle(cancelled);
    this.deps.emitPeer(contact);
    return cancelled;
  }

  failWaiting(contact: PlainContact, why: string): void {
    for (const message of contact.waiting.splice(0)) {
      this.deps.settle({ ...message, state: 'failed', error: why });
    }
  }
}
