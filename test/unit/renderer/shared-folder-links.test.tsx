// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { findUncPaths, isUncPath } from '../../../src-shared/contract/unc-path';
import { parseRequest } from '../../../src-shared/contract';
import { linkRuns } from '../../../src-renderer/format/message-links';
import { conversation, message, peer, snapshot } from './support/fixtures';
import { withFakeLayout } from './support/fake-layout';
import { renderWindow } from './support/render-window';

withFakeLayout();

const alice = peer({ nickname: 'Alice' });
const TEXT = '报告在 \\\\fileserver\\share\\2026，看 https://ci.lan/7 或 \\\\fs.corp.lan\\pub.';

async function chat(mode: 'electron' | 'websocket', language: 'en' | 'zh-CN' = 'en') {
  const view = await renderWindow({
    hash: `#/chat/${alice.id}`,
    snapshot: snapshot({ peers: [alice], conversations: [conversation({ peerId: alice.id })] }),
    languageOverride: language,
    mode,
  });
  await act(async () => {
    view.store.getState().mergeLatestMessages(alice.id, [message({ id: 'm1', text: TEXT })], 100);
  });
  const log = await screen.findByRole('log', { name: language === 'en' ? 'Conversation' : '会话' });
  return { ...view, log };
}

describe('\\\\fileserver\\share paths in messages', () => {
  it('are found whole, without the sentence punctuation after them', () => {
    expect(findUncPaths(TEXT).map((found) => found.path)).toEqual([
      '\\\\fileserver\\share\\2026',
      '\\\\fs.corp.lan\\pub',
    ]);
    const runs = linkRuns(TEXT);
    expect(runs.map((run) => run.text).join('')).toBe(TEXT);
    expect(runs.filter((run) => run.folder).map((run) => run.folder)).toHaveLength(2);
    // The host inside a path is not a web link of its own.
    expect(runs.filter((run) => run.href).map((run) => run.href)).toEqual(['https://ci.lan/7']);
    expect(findUncPaths('\\\\server alone, c:\\temp, \\\\\\x')).toEqual([]);
  });

  it('main takes only a shared-folder path', () => {
    expect(isUncPath('\\\\srv\\share')).toBe(true);
    expect(() => parseRequest('showSharedFolder', { path: 'C:\\Windows' })).toThrow();
    expect(() => parseRequest('showSharedFolder', { path: 'file:///etc/passwd' })).toThrow();
    expect(() =>
      parseRequest('showSharedFolder', { path: `\\\\srv\\${'a'.repeat(1100)}` }),
    ).toThrow();
  });

  it('in the desktop app, a click shows the folder through main', async () => {
    const { log, fake } = await chat('electron');
    const link = within(log).getByRole('link', { name: '\\\\fileserver\\share\\2026' });
    await userEvent.click(link);
    expect(fake.api.showSharedFolder).toHaveBeenCalledWith({ path: '\\\\fileserver\\share\\2026' });
    expect(within(log).getByRole('link', { name: 'https://ci.lan/7' })).toBeTruthy();
  });

  it('in a browser, a click copies the path and says where to paste it (Chinese)', async () => {
    const user = userEvent.setup();
    const { log, fake } = await chat('websocket', 'zh-CN');
    await user.click(within(log).getByRole('link', { name: '\\\\fs.corp.lan\\pub' }));
    expect(fake.api.showSharedFolder).not.toHaveBeenCalled();
    expect(await navigator.clipboard.readText()).toBe('\\\\fs.corp.lan\\pub');
    expect(
      await screen.findByText(/已复制 \\\\fs\.corp\.lan\\pub：请粘贴到文件管理器的地址栏/),
    ).toBeTruthy();
  });
});
