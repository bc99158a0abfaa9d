// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../../../src-renderer/i18n/en';
import { createI18n } from '../../../src-renderer/i18n/i18n';
import { zhCN } from '../../../src-renderer/i18n/zh-CN';
import { peer, self, snapshot } from './support/fixtures';
import { showContacts } from './support/main-tabs';
import { renderWindow } from './support/render-window';

afterEach(cleanup);

const alice = peer({ nickname: 'Alice', group: '' });

function keysOf(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'string' ? [`${prefix}${key}`] : keysOf(child as object, `${prefix}${key}.`),
  );
}

describe('languages', () => {
  it('counts in English: one contact, two contacts', () => {
    const t = createI18n('en').t;
    expect(t('several.resultsTitle', { count: 1 })).toBe('Sent to 1 contact');
    expect(t('several.resultsTitle', { count: 2 })).toBe('Sent to 2 contacts');
  });

  it('has every text in both languages', () => {
    expect(keysOf(zhCN).sort()).toEqual(keysOf(en).sort());
  });

  it('speaks zh-CN by default and switches when the profile’s language changes', async () => {
    const { fake } = await renderWindow({ snapshot: snapshot({ peers: [alice] }) });
    await showContacts();
    expect(await screen.findByRole('list', { name: '联系人' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: '查找联系人' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '刷新' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '设置' })).toBeTruthy();
    expect(screen.getByRole('listitem', { name: 'Alice 在线' })).toBeTruthy();
    expect(screen.getByText('未分组')).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');

    await act(async () => {
      fake.emit([{ type: 'self', self: { ...self, language: 'en' } }]);
    });
    expect(await screen.findByRole('list', { name: 'Contacts' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Filter contacts' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeTruthy();
    expect(screen.getByRole('listitem', { name: 'Alice Online' })).toBeTruthy();
    expect(screen.getByText('No group')).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });

  it('lets ?lang= decide at start, and a later profile change still applies', async () => {
    const { fake } = await renderWindow({
      snapshot: snapshot({ peers: [alice] }),
      languageOverride: 'en',
    });
    await showContacts();
    expect(await screen.findByRole('list', { name: 'Contacts' })).toBeTruthy();
    await act(async () => {
      fake.emit([{ type: 'self', self: { ...self, language: 'en' } }]);
    });
    await act(async () => {
      fake.emit([{ type: 'self', self: { ...self, language: 'zh-CN' } }]);
    });
    expect(await screen.findByRole('list', { name: '联系人' })).toBeTruthy();
  });

  it('follows the profile’s theme on <html>', async () => {
    const { fake } = await renderWindow({
      snapshot: snapshot({ self: { ...self, theme: 'light' } }),
    });
    await showContacts();
    await screen.findByRole('list', { name: '联系人' });
    expect(document.documentElement.dataset.theme).toBe('light');
    await act(async () => {
      fake.emit([{ type: 'self', self: { ...self, theme: 'system' } }]);
    });
    expect(document.documentElement.dataset.theme).toBe('system');
  });
});
