// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { peer, snapshot } from './support/fixtures';
import { showContacts } from './support/main-tabs';
import { renderWindow } from './support/render-window';

afterEach(cleanup);

const peers = [
  peer({ nickname: 'Ann', group: 'Lab', signature: 'Ask me about builds', address: '10.0.0.5' }),
  peer({ nickname: 'Ben', group: 'Lab', status: 'busy', address: '10.0.0.6' }),
];
const english = snapshot({ self: { ...snapshot().self, language: 'en' }, peers });

describe('signature and status in the contact list', () => {
  it('shows the signature under the name and in the hover text, the address otherwise', async () => {
    await renderWindow({ snapshot: english });
    await showContacts();
    const ann = await screen.findByRole('listitem', { name: 'Ann Online' });
    expect(within(ann).getByText('Ask me about builds')).toBeTruthy();
    expect(within(ann).queryByText(/10\.0\.0\.5/)).toBeNull();
    expect(ann.title.split('\n')).toContain('Ask me about builds');
    expect(ann.title).toContain('10.0.0.5:2425');
    const ben = screen.getByRole('listitem', { name: 'Ben Busy' });
    expect(within(ben).getByText('Busy')).toBeTruthy();
    expect(within(ben).getByText(/10\.0\.0\.6/)).toBeTruthy();
  });

  it('offers online, away, busy and invisible in the status menu', async () => {
    const { fake } = await renderWindow({ snapshot: english });
    await showContacts();
    const user = userEvent.setup();
    const menu = await screen.findByRole('combobox', { name: 'Status' });
    const choices = within(menu)
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(choices).toEqual(['Online', 'Away', 'Busy', 'Invisible']);
    await user.selectOptions(menu, 'busy');
    expect(fake.api.updateProfile).toHaveBeenLastCalledWith({ status: 'busy' });
    await user.selectOptions(menu, 'invisible');
    expect(fake.api.updateProfile).toHaveBeenLastCalledWith({ status: 'invisible' });
  });

  it('names the statuses in Chinese too', async () => {
    const chinese = snapshot({ self: { ...snapshot().self, language: 'zh-CN' }, peers });
    await renderWindow({ snapshot: chinese });
    await showContacts();
    expect(await screen.findByRole('listitem', { name: 'Ben 忙碌' })).toBeTruthy();
    const menu = screen.getByRole('combobox', { name: '状态' });
    const choices = within(menu)
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(choices).toEqual(['在线', '离开', '忙碌', '隐身']);
  });
});
