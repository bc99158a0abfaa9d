import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { App } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { BrowserWindow, resetFakeElectron } from './fake-electron';
import { createRendererLocation } from '../../../src-main/shell/renderer-location';
import { claimSingleInstance } from '../../../src-main/shell/single-instance';
import { WindowManager } from '../../../src-main/shell/windows';

type FakeApp = Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'> & EventEmitter;

function fakeApp(gotLock: boolean): FakeApp {
  const app = new EventEmitter() as FakeApp;
  app.requestSingleInstanceLock = vi.fn(() => gotLock);
  app.quit = vi.fn();
  return app;
}

const root = path.resolve('/opt/pigeon/out');
const windows = () =>
  new WindowManager({
    preload: path.join(root, 'preload', 'index.cjs'),
    renderer: createRendererLocation(path.join(root, 'renderer', 'index.html'), undefined),
    theme: () => 'system',
  });

describe('one Pigeon at a time', () => {
  beforeEach(() => resetFakeElectron());

  it('brings the running contact list back to the front when Pigeon is started again', () => {
    const app = fakeApp(true);
    const shown = windows();
    expect(claimSingleInstance(app, () => shown.showMain())).toBe(true);
    const main = shown.showMain() as unknown as BrowserWindow;
    main.hide();
    main.minimized = true;
    main.focused = false;

    app.emit('second-instance');

    expect(BrowserWindow.created).toHaveLength(1);
    expect(main.minimized).toBe(false);
    expect(main.visible).toBe(true);
    expect(main.focused).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('leaves at once when another Pigeon holds the lock', () => {
    const app = fakeApp(false);
    const showMain = vi.fn();
    expect(claimSingleInstance(app, showMain)).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
    app.emit('second-instance');
    expect(showMain).not.toHaveBeenCalled();
  });
});
