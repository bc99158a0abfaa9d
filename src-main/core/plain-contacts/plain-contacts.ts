// The plain contacts: per contact, one PlainUdpChannel (one local socket) or one
// PlainTcpChannel (a connection, in either role); their conversations kept in the same
// history as IPMsg ones. They never meet discovery, the outbox, typing or away
// replies: a plain program understands none of that.
import { randomUUID } from 'node:crypto';
import {
  ContractError,
  type MessageDTO,
  type PeerDTO,
  type PigeonEvent,
  type PlainContactRequest,
} from '../../../src-shared/contract';
import type { LookupFn } from '../net/host-lookup';
import type { ConversationsRepo } from '../store/conversations-repo';
import type { MessagesRepo } from '../store/messages-repo';
import type { PlainContactsRepo } from '../store/plain-contacts-repo';
import {
  checkPlainContactRequest,
  describePlainContact as describe,
  isPlainContactId,
  plainContactId,
} from './plain-contact-address';
import { openPlainContact } from './open-plain-contact';
import { openTcpContact } from './open-tcp-contact';
import type { MessageAnnouncer } from '../message-announcer';
import { newPlainContact, toPeer, type PlainContact as Contact } from './plain-contact-state';
import { afterSend } from './sent-message';
import { TcpSending } from './tcp-sending';

export interface PlainContactsDeps {
  repo: PlainContactsRepo;
  history: MessagesRepo;
  conversations: ConversationsRepo;
  announcer: MessageAnnouncer;
  emit: (event: PigeonEvent) => void;
  /** Local address the contacts' sockets bind to (default 0.0.0.0). */
  bindAddress?: string;
  /** Name resolution (tests pass their own) and its time limit. */
  lookup?: LookupFn;
  lookupTimeoutMs?: number;
  now?: () => number;
}

export class PlainContacts {
  private readonly contacts = new Map<string, Contact>();
  /** Ids being added right now: a double click must not add (and bind) twice. */
  private readonly adding = new Set<string>();
  private readonly now: () => number;
  private running = false;
  private readonly tcpSending = new TcpSending({
    settle: (message) => this.settle(message),
    enqueue: (contact, work) => this.enqueue(contact, work),
    emitPeer: (contact) => this.emitPeer(contact),
    canWait: (contact) => this.running && this.contacts.has(contact.saved.id),
  });

  constructor(private readonly deps: PlainContactsDeps) {
    this.now = deps.now ?? Date.now;
    for (const saved of deps.repo.all()) {
      this.contacts.set(saved.id, newPlainContact(saved));
    }
  }

  /** Whether an id (of a peer or conversation) names a plain contact, present or removed. */
  isPlain(id: string): boolean {
    return isPlainContactId(id);
  }

  has(id: string): boolean {
    return isPlainContactId(id) && this.contacts.has(id);
  }

  /** A contact's conversation opens; so does a removed one's, to read its history. */
  canOpen(id: string): boolean {
    return this.has(id) || (isPlainContactId(id) && this.deps.conversations.get(id) !== undefined);
  }

  get(id: string): PeerDTO | undefined {
    const contact = this.contacts.get(id);
    return contact && toPeer(contact);
  }

  peers(): PeerDTO[] {
    return [...this.contacts.values()].map(toPeer);
  }

  /** Open every contact's socket; one that cannot be opened gets a `problem`, never a throw. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    // Through each contact's queue, so a message written meanwhile waits for the socket.
    await Promise.all(
      [...this.contacts.values()].map((contact) =>
        this.enqueue(contact, async () => {
          await this.open(contact, true);
          this.emitPeer(contact);
        }),
      ),
    );
  }

  /**
   * Let sends under way finish, then close every socket. Text still waiting for a TCP
   * program to connect fails with the reason, so Resend offers it next time.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    const contacts = [...this.contacts.values()];
    await Promise.all(contacts.map((contact) => contact.queue));
    for (const contact of contacts) {
      this.tcpSending.failWaiting(contact, 'Pigeon was closed before the program connected.');
    }
    await Promise.all(contacts.map((contact) => this.close(contact)));
  }

  async add(request: PlainContactRequest): Promise<PeerDTO> {
    if (!this.running) {
      throw new ContractError('failed', 'Pigeon is not connected to the network.');
    }
    const checked = checkPlainContactRequest(request);
    const id = plainContactId(checked);
    if (this.contacts.has(id) || this.adding.has(id)) {
      throw new ContractError('failed', `${describe(checked)} is already in your contacts.`);
    }
    this.adding.add(id);
    try {
      const contact = newPlainContact({
        id,
        ...checked,
        boundPort: 0,
        nickname: request.nickname?.trim().slice(0, 64) ?? '',
        addedAt: this.now(),
        lastSeen: 0,
      });
      // Nothing is kept unless the socket opened: a failed add leaves no trace.
      await this.open(contact, false);
      if (contact.problem !== undefined) throw new ContractError('failed', contact.problem);
      if (!this.running) {
        await this.close(contact);
        throw new ContractError('failed', 'Pigeon is not connected to the network.');
      }
      this.deps.repo.save(contact.saved);
      this.contacts.set(id, contact);
      this.emitPeer(contact);
      return toPeer(contact);
    } finally {
      this.adding.delete(id);
    }
  }

  /** Close the socket and forget the contact; its conversation and history stay. */
  remove(id: string): void {
    const contact = this.contacts.get(id);
    if (!contact) throw new ContractError('failed', 'This plain contact is unknown.');
    this.tcpSending.failWaiting(contact, 'The contact was removed before the program connected.');
    this.contacts.delete(id);
    this.deps.repo.remove(id);
    void this.close(contact);
    this.deps.emit({ type: 'peer-removed', peerId: id });
  }

  /** A TCP contact: connect (or listen) again now rather than at the next try. */
  async reconnect(id: string): Promise<PeerDTO> {
    const contact = this.require(id);
    if (contact.saved.protocol !== 'tcp') {
      throw new ContractError('failed', 'Only a TCP contact has a connection to open again.');
    }
    await this.enqueue(contact, async () => {
      if (contact.tcp) await contact.tcp.reconnect();
      else await this.open(contact, true);
      this.emitPeer(contact);
    });
    return toPeer(contact);
  }

  /**
   * Send text as bare datagrams, or as bytes on the TCP connection. Neither gives a
   * receipt: a message counts as `delivered` once the system accepted it, which is all
   * anyone can know.
   */
  send(conversationId: string, text: string): MessageDTO[] {
    const contact = this.require(conversationId);
    const message: MessageDTO = {
      id: randomUUID(),
      conversationId: contact.saved.id,
      direction: 'out',
      text: text.replace(/\r\n?/g, '\n'),
      state: 'sending',
      at: this.now(),
    };
    this.deps.history.add(message, { peerId: contact.saved.id });
    this.announce(message, true);
    this.transmit(contact, message);
    return [message];
  }

  /** Whether a message belongs to a plain contact's conversation (for resend). */
  ownsMessage(messageId: string): boolean {
    const message = this.deps.history.get(messageId);
    return message !== undefined && isPlainContactId(message.conversationId);
  }

  resend(messageId: string): MessageDTO {
    const message = this.deps.history.get(messageId);
    if (!message || message.direction !== 'out') {
      throw new ContractError('failed', 'No such message.');
    }
    if (message.state !== 'failed') return message;
    const contact = this.require(message.conversationId);
    const again: MessageDTO = { ...message, state: 'sending' };
    delete again.error;
    this.settle(again);
    this.transmit(contact, again);
    return again;
  }

  /** Withdraw a message still waiting for a TCP program: it never goes out then. */
  cancel(messageId: string): MessageDTO {
    const message = this.deps.history.get(messageId);
    const contact = message && this.contacts.get(message.conversationId);
    return this.tcpSending.cancel(contact, message);
  }

  private require(id: string): Contact {
    const contact = this.contacts.get(id);
    if (!contact) {
      throw new ContractError(
        'failed',
        'This plain contact was removed: add it again to write to it.',
      );
    }
    return contact;
  }

  /** Run work after everything queued for the contact; a failure never blocks the queue. */
  private enqueue(contact: Contact, work: () => Promise<void>): Promise<void> {
    contact.queue = contact.queue
      .then(work)
      .catch((error: unknown) => this.trouble(contact, 'error', error));
    return contact.queue;
  }

  private transmit(contact: Contact, message: MessageDTO): void {
    if (contact.saved.protocol === 'tcp') {
      void this.enqueue(contact, () => this.tcpSending.send(contact, message));
      return;
    }
    void this.enqueue(contact, async () => {
      if (!contact.channel?.isOpen && this.running && this.contacts.has(contact.saved.id)) {
        // It could not be opened at start (name not found, port taken): try again now.
        await this.open(contact, true);
        this.emitPeer(contact);
      }
      const channel = contact.channel;
      if (!channel?.isOpen) {
        this.fail(message, contact.problem ?? 'The contact is closed: Pigeon is not running.');
        return;
      }
      this.settle(afterSend(message, await channel.send(message.text), contact.saved.encoding));
    });
  }

  private fail(message: MessageDTO, error: string): void {
    this.settle({ ...message, state: 'failed', error });
  }

  /**
   * Resolve the host and bind the local port. `again`: a contact added before, which
   * may fall back to any free port when its last one is taken.
   */
  private async open(contact: Contact, again: boolean): Promise<void> {
    if (contact.saved.protocol === 'tcp') {
      await openTcpContact(contact, {
        bindAddress: this.deps.bindAddress ?? '0.0.0.0',
        ...(this.deps.lookup ? { lookup: this.deps.lookup } : {}),
        ...(this.deps.lookupTimeoutMs ? { lookupTimeoutMs: this.deps.lookupTimeoutMs } : {}),
        onText: (text) => this.received(contact, text, this.now()),
        onLink: (link) => this.linked(contact, link),
      });
      return;
    }
    const before = contact.saved.boundPort;
    await openPlainContact(contact, {
      again,
      bindAddress: this.deps.bindAddress ?? '0.0.0.0',
      ...(this.deps.lookup ? { lookup: this.deps.lookup } : {}),
      ...(this.deps.lookupTimeoutMs ? { lookupTimeoutMs: this.deps.lookupTimeoutMs } : {}),
      onText: (text) => this.received(contact, text.text, text.receivedAt),
      onError: (error) => this.trouble(contact, 'warning', error),
    });
    const after = contact.saved.boundPort;
    if (again && after !== before) this.deps.repo.setBoundPort(contact.saved.id, after);
  }

  private async close(contact: Contact): Promise<void> {
    const { channel, tcp } = contact;
    delete contact.channel;
    delete contact.tcp;
    await Promise.all([channel?.close(), tcp?.close()]);
  }

  private linked(contact: Contact, link: NonNullable<Contact['link']>): void {
    contact.link = link;
    if (link.state === 'connected' && contact.waiting.length > 0)
      this.tcpSending.sendWaiting(contact);
    else this.emitPeer(contact);
  }

  private received(contact: Contact, text: string, at: number): void {
    const { saved } = contact;
    if (!this.contacts.has(saved.id)) return;
    const message: MessageDTO = {
      id: randomUUID(),
      conversationId: saved.id,
      direction: 'in',
      text,
      state: 'received',
      at,
    };
    this.deps.history.add(message, { peerId: saved.id });
    this.announce(message, true);
    saved.lastSeen = Math.max(saved.lastSeen, at);
    this.deps.repo.touch(saved.id, at);
  }

  private settle(message: MessageDTO): void {
    this.deps.history.update(message);
    this.announce(message, false);
  }

  private announce(message: MessageDTO, isNew: boolean): void {
    this.deps.announcer.announce(message, isNew);
  }

  private trouble(contact: Contact, level: 'warning' | 'error', error: unknown): void {
    const why = error instanceof Error ? error.message : String(error);
    this.deps.emit({
      type: 'notice',
      level,
      code: 'plain-udp',
      message: `Plain contact ${describe(contact.saved)}: ${why}`,
    });
  }

  private emitPeer(contact: Contact): void {
    if (this.contacts.has(contact.saved.id))
      this.deps.emit({ type: 'peer', peer: toPeer(contact) });
  }
}
