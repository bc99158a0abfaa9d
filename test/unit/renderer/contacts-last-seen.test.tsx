// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { peer, snapshot } from './support/fixtures';
import { showContacts } from './support/main-tabs';
import { renderWindow } from './support/render-window';

afterEach(cleanup);

describe('a remembered contact', () => {
  it('shows when it was last seen while offline, in the user language', async () => {
    const seen = new Date();
    seen.setHours(9, 5, 0, 0);
    const gone = peer({ nickname: 'Olga', status: 'offline', lastSeen: seen.getTime() });
    const here = peer({ nickname: 'Hana', status: 'online', lastSeen: Date.now() });
    await renderWindow({
      hash: '#/',
      snapshot: snapshot({ peers: [gone, here] }),
      languageOverride: 'zh-CN',
    });
    await showContacts();
    const list = await screen.findByRole('list', { name: '联系人' });
    const olga = within(list)
      .getAllByRole('listitem')
      .find((item) => item.textContent?.includes('Olga'));
    expect(olga?.textContent).toContain('最后在线 09:05');
    const hana = within(list)
      .getAllByRole('listitem')
      .find((item) => item.textContent?.includes('Hana'));
    expect(hana?.textContent).not.toContain('最后在线');
  });
});
