// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Language, NetworkStatusDTO } from '../../../src-shared/contract';
import type { FakeApi } from './support/fake-api';
import { self, snapshot, stats } from './support/fixtures';
import { renderWindow } from './support/render-window';

afterEach(cleanup);

const targets = Array.from({ length: 25 }, (_, i) => `10.0.2.${i + 1}`);

const status: NetworkStatusDTO = {
  port: 2425,
  bindAddress: '0.0.0.0',
  bound: true,
  interfaces: [
    { name: 'eth0', address: '192.168.1.10', netmask: '255.255.255.0', broadcast: '192.168.1.255' },
    { name: 'wlan0', address: '10.0.5.7', netmask: '255.255.0.0', broadcast: '10.0.255.255' },
  ],
  announceTargets: targets,
  stats,
};

async function openNetwork(language: Language, answer: NetworkStatusDTO) {
  const view = await renderWindow({
    snapshot: snapshot({ self: { ...self, language } }),
    prepare: (fake: FakeApi) => fake.api.getNetworkStatus.mockResolvedValue(answer),
  });
  const user = userEvent.setup();
  const open = await screen.findByRole('button', {
    name: language === 'en' ? 'Network status' : '网络状态',
  });
  await user.click(open);
  const panel = await screen.findByRole('region', {
    name: language === 'en' ? 'Network status' : '网络状态',
  });
  return { ...view, user, panel, open };
}

describe('the network status panel', () => {
  it('shows the port, interfaces, the first 20 targets and the counters', async () => {
    const { panel, fake } = await openNetwork('en', status);
    expect(fake.api.getNetworkStatus).toHaveBeenCalledTimes(1);
    await within(panel).findByText('UDP port 2425 on 0.0.0.0: listening');
    expect(within(panel).queryByRole('alert')).toBeNull();

    const interfaces = within(panel).getByRole('region', { name: 'Interfaces' });
    expect(interfaces.textContent).toContain('eth0');
    expect(interfaces.textContent).toContain(
      '192.168.1.10/255.255.255.0 · broadcast 192.168.1.255',
    );
    expect(interfaces.textContent).toContain('broadcast 10.0.255.255');

    const announced = within(panel).getByRole('region', { name: 'Announced to' });
    const items = within(announced).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([...targets.slice(0, 20), '+5 more']);

    const counters = within(panel).getByRole('region', { name: 'Datagrams' });
    const row = (label: string) =>
      within(counters).getByText(label).nextElementSibling?.textContent;
    expect(row('Received')).toBe('1,200');
    expect(row('Sent')).toBe('345');
    expect(row('Dropped, malformed')).toBe('2');
    expect(row('Dropped, too large')).toBe('1');
    expect(row('Dropped, over the rate limit')).toBe('0');
    expect(row('Dropped, unknown command')).toBe('4');

    expect(panel.textContent).toContain(
      'If nobody appears, allow UDP and TCP port 2425 in the firewall.',
    );
  });

  it('puts the problem in an alert when the port is not bound', async () => {
    const problem =
      'Another program (FeiQ?) already uses UDP port 2425. Close it and restart Pigeon.';
    const { panel } = await openNetwork('zh-CN', { ...status, bound: false, problem });
    await within(panel).findByText('UDP 端口 2425（0.0.0.0）：未监听');
    expect(within(panel).getByRole('alert').textContent).toBe(problem);
    expect(panel.textContent).toContain('请在防火墙中允许 UDP 和 TCP 端口 2425');
  });

  it('asks again on Refresh, and closes with focus back on its button', async () => {
    const { panel, fake, user, open } = await openNetwork('en', status);
    await within(panel).findByText('UDP port 2425 on 0.0.0.0: listening');
    fake.api.getNetworkStatus.mockResolvedValueOnce({
      ...status,
      announceTargets: ['192.168.1.255'],
      stats: { ...stats, datagramsIn: 1300 },
    });
    await user.click(within(panel).getByRole('button', { name: 'Refresh' }));
    expect(fake.api.getNetworkStatus).toHaveBeenCalledTimes(2);
    await within(panel).findByText('1,300');
    expect(within(panel).queryByText('+5 more')).toBeNull();

    await user.click(within(panel).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('region', { name: 'Network status' })).toBeNull();
    expect(document.activeElement).toBe(open);
    // The contact list is back.
    expect(screen.getByRole('textbox', { name: 'Filter contacts' })).toBeTruthy();
  });

  it('says when the status could not be had', async () => {
    const view = await renderWindow({
      snapshot: snapshot({ self: { ...self, language: 'en' } }),
      prepare: (fake) => fake.api.getNetworkStatus.mockRejectedValueOnce(new Error('Main is busy')),
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Network status' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not get the network status: Main is busy',
    );
    await act(async () => {
      await user.keyboard('{Escape}');
    });
    expect(screen.queryByRole('region', { name: 'Network status' })).toBeNull();
    expect(view.fake.api.getNetworkStatus).toHaveBeenCalledTimes(1);
  });
});
