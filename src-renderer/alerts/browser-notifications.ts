// The browser's Notification API, for headless mode (the desktop app notifies from main).

function api(): typeof Notification | undefined {
  return typeof Notification === 'undefined' ? undefined : Notification;
}

/** The user (or the browser) refused notifications to this page, or there are none. */
export function notificationsBlocked(): boolean {
  const notification = api();
  return !notification || notification.permission === 'denied';
}

/** Ask once, in answer to a click; resolves to whether notifications may be shown. */
export async function askNotificationPermission(): Promise<boolean> {
  const notification = api();
  if (!notification) return false;
  if (notification.permission !== 'default') return notification.permission === 'granted';
  try {
    return (await notification.requestPermission()) === 'granted';
  } catch {
    return false;
  }
}

/** Show one, if allowed; a click brings this tab forward and runs `onClick`. */
export function showBrowserNotification(
  title: string,
  body: string,
  tag: string,
  onClick: () => void,
): void {
  const notification = api();
  if (notification?.permission !== 'granted') return;
  try {
    const shown = new notification(title, { body, tag });
    shown.onclick = () => {
      window.focus();
      onClick();
      shown.close();
    };
  } catch {
    // Some browsers allow notifications only from a service worker: then there are none.
  }
}
