// Fuzz target: what the headless gateway reads from a browser before anything runs: the
// WebSocket request (JSON, then the contract's schema for its channel, as ws-gateway.ts
// reads it), the upload's query (where a chunk may be written) and the Host and Origin
// headers. Invariants: only the documented refusals are thrown (ContractError,
// UploadRefused); a staged file always lies inside its batch folder; a request is let
// through only with Host 127.0.0.1:<port> or localhost:<port>.
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import {
  CHANNEL_NAMES,
  ContractError,
  isChannelName,
  parseRequest,
} from '../../../src-shared/contract';
import { refuseRequest } from '../../../src-main/headless/request-guard';
import { resolveUploadTarget, UploadRefused } from '../../../src-main/headless/upload-target';
import { isInside } from '../../../src-main/core/transfer/safe-name';
import { check, flagsOf } from './invariant';

const STAGING = path.resolve('/pigeon-data/staging');

function allowed(error: unknown, kind: new (...args: never[]) => Error): void {
  if (!(error instanceof kind)) throw error;
}

function webSocketRequest(text: string, channelIndex: number): void {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return; // the gateway answers "A request must be JSON."
  }
  const { channel, request } = (message ?? {}) as { channel?: unknown; request?: unknown };
  // The input names a channel itself, or the flags pick one, so schemas get reached.
  const name = isChannelName(channel)
    ? channel
    : CHANNEL_NAMES[channelIndex % CHANNEL_NAMES.length];
  if (name === undefined) return;
  try {
    parseRequest(name, isChannelName(channel) ? request : message);
  } catch (error) {
    allowed(error, ContractError);
  }
}

function upload(query: string): void {
  let params: URLSearchParams;
  try {
    params = new URL(`/upload?${query}`, 'http://127.0.0.1').searchParams;
  } catch {
    return;
  }
  try {
    const target = resolveUploadTarget(STAGING, params);
    check(isInside(STAGING, target.batchDir), 'batch folder outside the staging folder');
    check(isInside(target.batchDir, target.file), 'staged file outside its batch folder');
    check(
      target.item === target.file || isInside(target.item, target.file),
      'file outside its item',
    );
    check(Number.isSafeInteger(target.offset) && target.offset >= 0, 'bad offset');
    for (const segment of path.relative(target.batchDir, target.file).split(path.sep)) {
      check(segment !== '..' && segment !== '.' && segment !== '', `bad segment ${segment}`);
    }
  } catch (error) {
    allowed(error, UploadRefused);
  }
}

function headers(text: string, port: number): void {
  const [host, origin] = text.split('\n');
  const req = {
    headers: { host, origin },
    socket: { localPort: port },
  } as unknown as IncomingMessage;
  const plain = refuseRequest(req, false);
  const call = refuseRequest(req, true);
  const hostOk = host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  check((plain === undefined) === hostOk, `Host ${JSON.stringify(host)} judged wrongly`);
  check(
    call === undefined ? hostOk && origin === `http://${host}` : true,
    'a call without its Origin',
  );
}

export function fuzz(data: Buffer): void {
  const { flags, rest } = flagsOf(data);
  const text = rest.toString('utf8');
  switch (flags % 3) {
    case 0:
      webSocketRequest(text, flags >> 2);
      break;
    case 1:
      upload(text);
      break;
    default:
      headers(text, 1024 + (flags >> 2));
  }
}
