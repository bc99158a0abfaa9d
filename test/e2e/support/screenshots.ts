// Screenshots for looking at the UI by eye: every window is judged in both themes.
import type { Page } from 'playwright-core';
import { artifactPath } from '../../lab/browser';

/** Screenshots of `page` in the light theme and the dark one: `<name>-light.png`, `<name>-dark.png`. */
export async function shootLightAndDark(page: Page, name: string): Promise<string[]> {
  const paths: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const path = await artifactPath(`${name}-${colorScheme}.png`);
    await page.screenshot({ path });
    paths.push(path);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return paths;
}
