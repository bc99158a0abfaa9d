import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { contextBridge, ipcRenderer } from './fake-electron';
import { ContractError, type PigeonApi } from '../../../src-shared/contract';
import {
  GENERIC_FAILURE,
  unwrapIpcResult,
  windowFailure,
} from '../../../src-shared/contract/ipc-result';

/** What contextBridge does to a rejection: an Error keeps only its message, an object is copied. */
function acrossContextBridge(reason: unknown): unknown {
  return reason instanceof Error ? new Error(reason.message) : structuredClone(reason);
}

describe('the IPC reply envelope', () => {
  it('unwraps a value', () => {
    expect(unwrapIpcResult({ ok: true, value: 42 })).toBe(42);
  });

  it('turns a failure into a ContractError with main’s code and plain message', () => {
    const failure = () =>
      unwrapIpcResult({ ok: false, code: 'invalid-request', message: 'Too big' });
    expect(failure).toThrow(ContractError);
    expect(failure).toThrow(
      expect.objectContaining({ code: 'invalid-request', message: 'Too big' }),
    );
  });

  it('says "failed" with the generic message for anything that is not an envelope', () => {
    expect(() => unwrapIpcResult('nonsense')).toThrow(
      expect.objectContaining({ code: 'failed', message: GENERIC_FAILURE }),
    );
    expect(() => unwrapIpcResult({ ok: false, code: 'made-up', message: 7 })).toThrow(
      expect.objectContaining({ code: 'failed', message: GENERIC_FAILURE }),
    );
  });

  it('gives the window a failure whose code survives contextBridge', () => {
    const error = new ContractError('forbidden', 'Not from this window');
    expect(acrossContextBridge(error)).not.toHaveProperty('code');
    expect(acrossContextBridge(windowFailure(error))).toEqual({
      name: 'ContractError',
      code: 'forbidden',
      message: 'Not from this window',
    });
    expect(windowFailure(new TypeError('boom'))).toMatchObject({ code: 'failed', message: 'boom' });
  });
});

describe('the preload', () => {
  let api: PigeonApi;
  beforeAll(async () => {
    await import('../../../preload/index');
    api = contextBridge.exposed.get('pigeon') as PigeonApi;
  });

  it('rejects a failed reply with its code, in a form contextBridge copies whole', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({
      ok: false,
      code: 'invalid-request',
      message: 'Invalid markRead request at conversationId: Too small',
    });
    const reason: unknown = await api.markRead({ conversationId: '' }).catch((e: unknown) => e);
    expect(acrossContextBridge(reason)).toMatchObject({
      code: 'invalid-request',
      message: 'Invalid markRead request at conversationId: Too small',
    });
  });
});
