// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { isEventLike } from '../../../src-renderer/bridge/event-shape';
import { peer } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { openPeerChat } from './support/open-peer-chat';

withFakeLayout();

const feiq = peer({ nickname: '飞秋', user: 'feiq', client: 'feiq' });
const carol = peer({ nickname: 'Carol' });

const openChat = (language: 'en' | 'zh-CN') => openPeerChat(feiq, [carol], language);

describe('lines about what Pigeon cannot show yet', () => {
  it('says once per kind, only in the sender’s chat', async () => {
    const { fake } = await openChat('en');
    const picture = '飞秋 sent something Pigeon cannot show yet: a picture';
    await act(async () =>
      fake.emit([{ type: 'unsupported', peerId: carol.id, what: 'picture', at: 1 }]),
    );
    expect(screen.queryByText(/cannot show yet/)).toBeNull();
    await act(async () =>
      fake.emit([
        { type: 'unsupported', peerId: feiq.id, what: 'picture', at: 2 },
        { type: 'unsupported', peerId: feiq.id, what: 'shared-files', at: 3 },
        { type: 'unsupported', peerId: feiq.id, what: 'picture', at: 4 },
      ]),
    );
    expect(screen.getAllByText(picture)).toHaveLength(1);
    expect(screen.getByText(picture).closest('[role="status"]')).not.toBeNull();
    expect(
      screen.getByText('飞秋 sent something Pigeon cannot show yet: a request for shared files'),
    ).toBeTruthy();
  });

  it('speaks Chinese, and drops malformed events at the bridge', async () => {
    const { fake } = await openChat('zh-CN');
    await act(async () =>
      fake.emit([{ type: 'unsupported', peerId: feiq.id, what: 'photo', at: 2 }]),
    );
    expect(screen.getByText('飞秋 发来了 Pigeon 暂时无法显示的内容：照片')).toBeTruthy();
    expect(isEventLike({ type: 'unsupported', peerId: feiq.id, what: 'photo', at: 1 })).toBe(true);
    expect(isEventLike({ type: 'unsupported', peerId: feiq.id, at: 1 })).toBe(false);
  });
});
