// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../src-shared/contract/errors';
import { groupNoticeText } from '../../../src-shared/contract/group-notice';
import { message, peer } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { openPeerChat } from './support/open-peer-chat';

withFakeLayout();

const feiq = peer({ nickname: '飞秋', user: 'feiq', client: 'feiq' });
const carol = peer({ nickname: 'Carol' });

const shookLine = (id: string) =>
  message({
    id,
    conversationId: feiq.id,
    state: 'notice',
    authorId: feiq.id,
    text: groupNoticeText({ kind: 'shook', by: feiq.id, byName: '飞秋' }),
  });

describe('the window shake', () => {
  it('has a Shake button that shakes once, then explains the wait', async () => {
    const { fake } = await openPeerChat(feiq, [carol], 'en');
    const button = screen.getByRole('button', { name: 'Shake' });
    await act(async () => fireEvent.click(button));
    expect(fake.api.shake).toHaveBeenCalledWith({ peerId: feiq.id });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    await act(async () => fireEvent.click(button));
    expect(fake.api.shake).toHaveBeenCalledTimes(1);
    expect(screen.getByText('You can shake again in a few seconds').getAttribute('role')).toBe(
      'status',
    );
  });

  it('says what main refused', async () => {
    const { fake } = await openPeerChat(feiq, [carol], 'en');
    fake.api.shake.mockRejectedValueOnce(
      new ContractError(
        'failed',
        'You shook this window a moment ago: you can shake it again in 4 s.',
      ),
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Shake' })));
    expect(screen.getByText(/again in 4 s/)).toBeTruthy();
  });

  it('is 抖动 in Chinese, shows the line, and shakes the window when shaken', async () => {
    const { fake, container } = await openPeerChat(feiq, [carol], 'zh-CN');
    expect(screen.getByRole('button', { name: '抖动' })).toBeTruthy();
    expect(container.querySelector('.chat-shaken')).toBeNull();
    await act(async () =>
      fake.emit([
        { type: 'message', message: shookLine('s1') },
        { type: 'shake', peerId: feiq.id, at: 5 },
      ]),
    );
    expect(await screen.findByText('飞秋 发送了一个窗口抖动')).toBeTruthy();
    expect(container.querySelector('.chat-shaken')).not.toBeNull();
    // Half a second later it is still again.
    await waitFor(() => expect(container.querySelector('.chat-shaken')).toBeNull(), {
      timeout: 2000,
    });
  });

  it('says "shook the window" in English, and offers no button to a client that cannot show it', async () => {
    const { fake } = await openPeerChat(carol, [feiq], 'en');
    expect(screen.queryByRole('button', { name: 'Shake' })).toBeNull();
    await act(async () =>
      fake.emit([{ type: 'message', message: { ...shookLine('s2'), conversationId: carol.id } }]),
    );
    expect(await screen.findByText('飞秋 shook the window')).toBeTruthy();
  });
});
