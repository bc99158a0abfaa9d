import { promises as fs } from 'node:fs';
import { z } from 'zod';
import {
  groupNoticeSentence,
  readGroupNotice,
  type MessageDTO,
} from '../../../src-shared/contract';
import { MessageSchema } from './message-schema';
import { StoreError } from './store-error';

export interface ChatLogOptions {
  /**
   * Who is speaking: `self` for sent messages, `peer` for received ones; in a group,
   * `author` names each received message's writer.
   */
  names: { self: string; peer: string; author?: (peerId: string) => string };
  /** IANA time zone for the timestamps; the system's own when omitted. */
  timeZone?: string;
}

/** Continuation lines of a multi-line message start with this, so each message stays one block. */
export const CONTINUATION_INDENT = '    ';

/**
 * A readable chat log, a line per message (continuation lines indented):
 * `[2026-11-22 14:03:05] 小张: text`.
 */
export function formatChatLog(messages: Iterable<MessageDTO>, options: ChatLogOptions): string {
  return [...chatLogLines(messages, options)].join('');
}

/** The chat log a message at a time (each ends with a newline), for writing as it is read. */
export function* chatLogLines(
  messages: Iterable<MessageDTO>,
  options: ChatLogOptions,
): Generator<string> {
  const stamp = timestampFormatter(options.timeZone);
  const self = oneLine(options.names.self);
  const peer = oneLine(options.names.peer);
  for (const message of messages) {
    // A group's own notice is a line about the group, with no speaker.
    const notice = message.state === 'notice' ? readGroupNotice(message.text) : undefined;
    if (notice) {
      yield `[${stamp(message.at)}] ${oneLine(groupNoticeSentence(notice))}\n`;
      continue;
    }
    const author = message.authorId && options.names.author?.(message.authorId);
    const who = message.direction === 'out' ? self : author ? oneLine(author) : peer;
    const [first = '', ...rest] = textOf(message).split(/\r\n|\r|\n/);
    const more = rest.map((line) => `\n${CONTINUATION_INDENT}${line}`).join('');
    yield `[${stamp(message.at)}] ${who}: ${first}${more}\n`;
  }
}

/** The JSON export: an array of messages. */
export function toExportJson(messages: Iterable<MessageDTO>): string {
  return [...exportJsonChunks(messages)].join('');
}

/** The JSON export in pieces, for writing as it is read. */
export function* exportJsonChunks(messages: Iterable<MessageDTO>): Generator<string> {
  let first = true;
  yield '[';
  for (const message of messages) {
    yield `${first ? '\n' : ',\n'}  ${JSON.stringify(message)}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}

const ExportSchema = z.array(MessageSchema).max(10_000_000);

/** Read a JSON export back; throws StoreError 'invalid' (plain words) for anything else. */
export function parseExportedJson(text: string): MessageDTO[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StoreError(
      'invalid',
      `This is not a Pigeon export: it is not valid JSON (${(error as Error).message}).`,
    );
  }
  const result = ExportSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new StoreError(
      'invalid',
      `This is not a Pigeon export: the content is wrong${where} (${issue?.message ?? 'bad value'}).`,
    );
  }
  return result.data;
}

/**
 * Write an export to `file` through a temporary file and a rename, so a crash or a
 * full disk never leaves half an export under the real name.
 */
export async function writeExport(file: string, chunks: Iterable<string>): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await fs.open(temp, 'w');
  try {
    let buffer = '';
    for (const chunk of chunks) {
      buffer += chunk;
      if (buffer.length >= 65536) {
        await handle.write(buffer);
        buffer = '';
      }
    }
    await handle.write(buffer);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await fs.rename(temp, file);
}

/** A sealed message not yet opened is exported as a mark: its text stays sealed. */
export const SEALED_MARK = '[sealed]';

function textOf(message: MessageDTO): string {
  const unopened =
    message.direction === 'in' && message.sealed === true && message.readAt === undefined;
  return unopened ? SEALED_MARK : message.text;
}

function oneLine(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

/** `YYYY-MM-DD HH:mm:ss` in the given (or the system's) time zone. */
function timestampFormatter(timeZone: string | undefined): (at: number) => string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return (at) => {
    const part: Record<string, string> = {};
    for (const { type, value } of format.formatToParts(at)) part[type] = value;
    return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
  };
}

export type ExportFormat = 'text' | 'json';

/** Write one conversation to a file, reading its messages a page at a time. */
export async function exportConversationToFile(
  messages: { iterate(conversationId: string): Iterable<MessageDTO> },
  conversationId: string,
  file: string,
  format: ExportFormat,
  options: ChatLogOptions,
): Promise<void> {
  const all = messages.iterate(conversationId);
  await writeExport(file, format === 'json' ? exportJsonChunks(all) : chatLogLines(all, options));
}
