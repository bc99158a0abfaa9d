import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { resetFakeElectron, Tray, type MenuItemTemplate } from './fake-electron';
import { self, snapshot } from './fake-core';
import type { ConversationDTO } from '../../../src-shared/contract';
import { ShellState } from '../../../src-main/shell/shell-state';
import { PigeonTray } from '../../../src-main/shell/tray';

const icons = { normal: '/assets/tray.png', blank: '/assets/tray-blank.png' };

function conversation(id: string, unread: number, at = 1000): ConversationDTO {
  return {
    id,
    peerId: id,
    unread,
    lastMessage: {
      id: `${id}-m`,
      conversationId: id,
      direction: 'in',
      text: 'hi',
      state: 'received',
      at,
    },
  };
}

describe('tray', () => {
  let state: ShellState;
  let tray: PigeonTray;
  let fake: Tray;
  const hooks = {
    showMain: vi.fn(),
    showConversation: vi.fn(),
    setStatus: vi.fn(),
    quit: vi.fn(),
  };

  beforeEach(() => {
    resetFakeElectron();
    vi.useFakeTimers();
    state = new ShellState();
    state.seed(snapshot());
    tray = new PigeonTray({ state, icons, ...hooks });
    fake = Tray.created[0]!;
  });

  afterEach(() => {
    tray.dispose();
    vi.useRealTimers();
  });

  function unread(conversations: ConversationDTO[]): void {
    for (const c of conversations) state.apply({ type: 'conversation', conversation: c });
    tray.refresh();
  }

  const menuItem = (label: string): MenuItemTemplate | undefined =>
    fake.menu?.items.find((item) => item.label === label);

  it('starts with the normal icon, not blinking', () => {
    expect(fake.image.path).toBe(icons.normal);
    expect(tray.isBlinking).toBe(false);
    vi.advanceTimersByTime(2000);
    expect(fake.images).toHaveLength(0);
  });

  it('blinks between the icon and a blank frame every 500 ms while anything is unread', () => {
    unread([conversation('bob@pc2', 2)]);
    expect(tray.isBlinking).toBe(true);
    vi.advanceTimersByTime(499);
    expect(fake.images).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(fake.image.path).toBe(icons.blank);
    vi.advanceTimersByTime(500);
    expect(fake.image.path).toBe(icons.normal);
    vi.advanceTimersByTime(500);
    expect(fake.image.path).toBe(icons.blank);
    expect(fake.tooltip).toContain('2 unread');
  });

  it('keeps blinking until every conversation is read, then shows the normal icon', () => {
    unread([conversation('bob@pc2', 1), conversation('carol@pc3', 3)]);
    vi.advanceTimersByTime(500);
    unread([conversation('bob@pc2', 0)]);
    expect(tray.isBlinking).toBe(true);
    unread([conversation('carol@pc3', 0)]);
    expect(tray.isBlinking).toBe(false);
    expect(fake.image.path).toBe(icons.normal);
    const frames = fake.images.length;
    vi.advanceTimersByTime(2000);
    expect(fake.images).toHaveLength(frames);
  });

  it('counts unread conversations from the start-up snapshot', () => {
    const seeded = new ShellState();
    seeded.seed(snapshot([conversation('bob@pc2', 1)]));
    const other = new PigeonTray({ state: seeded, icons, ...hooks });
    expect(other.isBlinking).toBe(true);
    other.dispose();
    expect(other.isBlinking).toBe(false);
  });

  it('opens the contact list on double-click, the oldest unread chat on click', () => {
    fake.emit('double-click');
    expect(hooks.showMain).toHaveBeenCalledTimes(1);
    fake.emit('click');
    expect(hooks.showConversation).not.toHaveBeenCalled();
    unread([conversation('new@pc4', 1, 2000), conversation('old@pc5', 1, 500)]);
    fake.emit('click');
    expect(hooks.showConversation).toHaveBeenCalledWith('old@pc5');
  });

  it('offers Open, Online/Away and Quit, and follows the status', () => {
    expect(menuItem('Online')?.checked).toBe(true);
    expect(menuItem('Away')?.checked).toBe(false);
    menuItem('Open Pigeon')?.click?.();
    expect(hooks.showMain).toHaveBeenCalled();
    menuItem('Away')?.click?.();
    expect(hooks.setStatus).toHaveBeenCalledWith('away');
    menuItem('Quit')?.click?.();
    expect(hooks.quit).toHaveBeenCalled();

    state.apply({ type: 'self', self: { ...self, status: 'away', language: 'zh-CN' } });
    tray.refresh();
    expect(menuItem('离开')?.checked).toBe(true);
    expect(menuItem('退出')).toBeDefined();
  });

  it('offers Busy and Invisible as radio items through the same status path', () => {
    const radios = fake.menu?.items.filter((item) => item.type === 'radio').map((i) => i.label);
    expect(radios).toEqual(['Online', 'Away', 'Busy', 'Invisible']);
    menuItem('Busy')?.click?.();
    expect(hooks.setStatus).toHaveBeenLastCalledWith('busy');
    menuItem('Invisible')?.click?.();
    expect(hooks.setStatus).toHaveBeenLastCalledWith('invisible');

    state.apply({ type: 'self', self: { ...self, status: 'invisible', language: 'zh-CN' } });
    tray.refresh();
    expect(menuItem('隐身')?.checked).toBe(true);
    expect(menuItem('在线')?.checked).toBe(false);
    state.apply({ type: 'self', self: { ...self, status: 'busy', language: 'zh-CN' } });
    tray.refresh();
    expect(menuItem('忙碌')?.checked).toBe(true);
  });
});
