// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../../src-renderer/bridge/errors';
import { peer, snapshot } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { renderWindow } from './support/render-window';

withFakeLayout();

const alice = peer({ nickname: 'Alice' });
const chat = { hash: `#/chat/${alice.id}`, snapshot: snapshot({ peers: [alice] }) };
const FULL = {
  type: 'notice',
  level: 'error',
  code: 'disk-full',
  message: 'Disk full: messages are not being saved',
} as const;

/** Events reach the window in batches about ten times a second. */
async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 150));
  });
}

describe('a full disk in the window', () => {
  it('shows one banner in the user language and drops it when main clears it', async () => {
    const { fake } = await renderWindow({ ...chat, languageOverride: 'zh-CN' });
    fake.emit([FULL, FULL]);
    await settle();
    expect(screen.getAllByText('磁盘已满：消息没有被保存')).toHaveLength(1);
    fake.emit([{ type: 'notice-cleared', code: 'disk-full' }]);
    await settle();
    expect(screen.queryByText('磁盘已满：消息没有被保存')).toBeNull();
  });

  it.each([
    ['en', 'Message', 'Could not send: Disk full: messages are not being saved'],
    ['zh-CN', '消息', '无法发送：磁盘已满：消息没有被保存'],
  ] as const)(
    'names a send refused for a full disk (%s), not "Something went wrong"',
    async (language, field, said) => {
      const { fake } = await renderWindow({ ...chat, languageOverride: language });
      fake.api.sendMessage.mockRejectedValueOnce(
        new BridgeError('disk-full', 'Disk full: messages are not being saved'),
      );
      const box = await screen.findByRole('textbox', { name: field });
      await userEvent.setup().type(box, 'hello{Enter}');
      expect((await screen.findByRole('alert')).textContent).toBe(said);
    },
  );
});
