// The plain UDP contacts: one PlainUdpChannel (one local socket) per contact, their
// conversations kept in the same history as IPMsg ones. They never meet discovery,
// the outbox, typing or away replies: a plain program understands none of that.
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
  isPlainContactId,
  plainContactId,
} from './plain-contact-address';
import { openPlainContact } from './open-plain-contact';
import type { MessageAnnouncer } from '../message-announcer';
import { toPeer, type PlainContact as Contact } from './plain-contact-state';
import type { PlainUdpText } from './plain-udp-channel';

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

const ENCODING_NAMES = { utf8: 'UTF-8', gbk: 'GBK' } as const;

export class PlainContacts {
  private readonly contacts = new Map<string, Contact>();
  /** Ids being added right now: a double click must not add (and bind) twice. */
  private readonly adding = new Set<string>();
  private readonly now: () => number;
  private running = false;

  constructor(private readonly deps: PlainContactsDeps) {
    this.now = deps.now ?? Date.now;
    for (const saved of deps.repo.all()) {
      this.contacts.set(saved.id, { saved, queue: Promise.resolve() });
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

  /** Let queued sends finish (UDP sends take no time), then close every socket. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    const contacts = [...this.contacts.values()];
    await Promise.all(contacts.map((contact) => contact.queue));
    await Promise.all(contacts.map((contact) => this.close(contact)));
  }

  async add(request: PlainContactRequest): Promise<PeerDTO> {
    if (!this.running) {
      throw new ContractError('failed', 'Pigeon is not connected to the network.');
    }
    const { host, port, encoding, localPort } = checkPlainContactRequest(request);
    const id = plainContactId(host, port);
    if (this.contacts.has(id) || this.adding.has(id)) {
      throw new ContractError('failed', `${host}:${port} is already in your contacts.`);
    }
    this.adding.add(id);
    try {
      const contact: Contact = {
        saved: {
          id,
          host,
          port,
          encoding,
          localPort,
          boundPort: 0,
          nickname: request.nickname?.trim().slice(0, 64) ?? '',
          addedAt: this.now(),
          lastSeen: 0,
        },
        queue: Promise.resolve(),
      };
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
    if (!contact) throw new ContractError('failed', 'This plain UDP contact is unknown.');
    this.contacts.delete(id);
    this.deps.repo.remove(id);
    void this.close(contact);
    this.deps.emit({ type: 'peer-removed', peerId: id });
  }

  /**
   * Send text as bare datagrams. UDP gives no receipt: a message counts as
   * `delivered` once the system accepted every datagram, which is all anyone can know.
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

  private require(id: string): Contact {
    const contact = this.contacts.get(id);
    if (!contact) {
      throw new ContractError(
        'failed',
        'This plain UDP contact was removed: add it again to write to it.',
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
      const result = await channel.send(message.text);
      if (result.error !== undefined) {
        this.fail(message, result.error);
        return;
      }
      const delivered: MessageDTO = { ...message, state: 'delivered' };
      delete delivered.error;
      if (result.unrepresentable > 0) {
        // Sent anyway (the rest of the text matters more); the note says what was lost.
        delivered.error = `${result.unrepresentable} character(s) cannot be written in ${ENCODING_NAMES[contact.saved.encoding]} and went out as "?".`;
      }
      this.settle(delivered);
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
    const before = contact.saved.boundPort;
    await openPlainContact(contact, {
      again,
      bindAddress: this.deps.bindAddress ?? '0.0.0.0',
      ...(this.deps.lookup ? { lookup: this.deps.lookup } : {}),
      ...(this.deps.lookupTimeoutMs ? { lookupTimeoutMs: this.deps.lookupTimeoutMs } : {}),
      onText: (text) => this.received(contact, text),
      onError: (error) => this.trouble(contact, 'warning', error),
    });
    const after = contact.saved.boundPort;
    if (again && after !== before) this.deps.repo.setBoundPort(contact.saved.id, after);
  }

  private async close(contact: Contact): Promise<void> {
    const channel = contact.channel;
    delete contact.channel;
    await channel?.close();
  }

  private received(contact: Contact, text: PlainUdpText): void {
    const { saved } = contact;
    if (!this.contacts.has(saved.id)) return;
    const message: MessageDTO = {
      id: randomUUID(),
      conversationId: saved.id,
      direction: 'in',
      text: text.text,
      state: 'received',
      at: text.receivedAt,
    };
    this.deps.history.add(message, { peerId: saved.id });
    this.announce(message, true);
    saved.lastSeen = Math.max(saved.lastSeen, text.receivedAt);
    this.deps.repo.touch(saved.id, text.receivedAt);
  }

  private settle(message: MessageDTO): void {
    this.deps.history.update(message);
    this.announce(message, false);
  }

  private announce(message: MessageDTO, isNew: boolean): void {
    this.deps.announcer.announce(message, isNew);
  }

  private trouble(contact: Contact, level: 'warning' | 'error', error: unknown): void {
    const { host, port } = contact.saved;
    const why = error instanceof Error ? error.message : String(error);
    this.deps.emit({
      type: 'notice',
      level,
      code: 'plain-udp',
      message: `Plain UDP contact ${host}:${port}: ${why}`,
    });
  }

  private emitPeer(contact: Contact): void {
    if (this.contacts.has(contact.saved.id))
      this.deps.emit({ type: 'peer', peer: toPeer(contact) });
  }
}
