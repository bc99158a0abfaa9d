// @vitest-environment jsdom
import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { isEventLike } from '../../../src-renderer/bridge/event-shape';
import { peer } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { openPeerChat } from './support/open-peer-chat';

withFakeLayout();

const bob = peer({ nickname: 'Bob' });
const carol = peer({ nickname: 'Carol' });

const openChat = (language: 'en' | 'zh-CN') => openPeerChat(bob, [carol], language);

describe('the line about refused messages', () => {
  it('shows once the peer sent too fast, only in its own chat, until dismissed', async () => {
    const { fake } = await openChat('en');
    const line = 'Bob is sending faster than Pigeon accepts; some messages were refused.';
    await act(async () => fake.emit([{ type: 'peer-refused', peerId: carol.id, at: 1 }]));
    expect(screen.queryByText(line)).toBeNull();
    await act(async () => fake.emit([{ type: 'peer-refused', peerId: bob.id, at: 2 }]));
    expect(screen.getByText(line).closest('[role="status"]')).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(line)).toBeNull();
  });

  it('speaks Chinese', async () => {
    const { fake } = await openChat('zh-CN');
    await act(async () => fake.emit([{ type: 'peer-refused', peerId: bob.id, at: 2 }]));
    expect(
      screen.getByText('Bob 发送太快，超出 Pigeon 的接收速度；部分消息已被拒收。'),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: '关闭提示' })).toBeTruthy();
  });

  it('drops malformed events at the bridge', () => {
    expect(isEventLike({ type: 'peer-refused', peerId: bob.id, at: 2 })).toBe(true);
    expect(isEventLike({ type: 'peer-refused', peerId: bob.id })).toBe(false);
    expect(isEventLike({ type: 'peer-refused', at: 2 })).toBe(false);
  });
});
