import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { Notification, resetFakeElectron } from './fake-electron';
import { message, peer, transfer } from './fake-core';
import { notifierIn } from './notifier-fixture';

/** Bob runs Pigeon here. */
const pigeonBob = [peer({ client: 'pigeon' })];

const offer = (text = '') => message({ id: 'm-offer', text, transferId: 't1' });
const bodies = () => Notification.created.map((n) => n.options.body);

describe('notifications of offered files', () => {
  beforeEach(() => resetFakeElectron());

  it('says how many files, in English', () => {
    const notifier = notifierIn('en', pigeonBob);
    const three = ['a.txt', 'b.txt', 'c.txt'].map((name) => ({
      name,
      size: 1,
      kind: 'file' as const,
    }));
    notifier.onEvent({ type: 'transfer', transfer: transfer({ items: three }) });
    notifier.onEvent({ type: 'message', message: offer() });
    expect(bodies()).toEqual(['Sent you 3 files']);
    expect(Notification.created[0]?.options.title).toBe('Bob');
  });

  it('names a single file or folder, and says a picture is a picture, in Chinese', () => {
    const notifier = notifierIn('zh-CN', pigeonBob);
    notifier.onEvent({ type: 'transfer', transfer: transfer({ id: 't1' }) });
    notifier.onEvent({ type: 'message', message: offer('看看这个') });
    const folder = transfer({ id: 't2', items: [{ name: '照片', size: 0, kind: 'directory' }] });
    notifier.onEvent({ type: 'transfer', transfer: folder });
    notifier.onEvent({
      type: 'message',
      message: message({ id: 'm2', text: '', transferId: 't2' }),
    });
    notifier.onEvent({ type: 'transfer', transfer: transfer({ id: 't3', image: true }) });
    notifier.onEvent({
      type: 'message',
      message: message({ id: 'm3', text: '', transferId: 't3' }),
    });
    expect(bodies()).toEqual([
      '发来文件：report.pdf\n看看这个',
      '发来文件夹：照片',
      '发来一张图片',
    ]);
  });

  it('waits a moment for an offer whose event follows its message', async () => {
    const notifier = notifierIn('en', pigeonBob);
    notifier.onEvent({ type: 'message', message: offer() });
    notifier.onEvent({ type: 'transfer', transfer: transfer() });
    expect(Notification.created).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(bodies()).toEqual(['Sent you a file: report.pdf']);
  });

  it('still says something when the offer never comes', async () => {
    const notifier = notifierIn('en', pigeonBob);
    notifier.onEvent({ type: 'message', message: offer() });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(bodies()).toEqual(['Sent you files']);
  });
});
