import type { App } from 'electron';

/**
 * One Pigeon per user: a second start (a desktop shortcut clicked again, the autostart
 * entry after a manual start) hands over to the running one, which shows and focuses
 * its contact list, and then leaves. Returns false in the instance that must leave.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  showMain: () => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => showMain());
  return true;
}
