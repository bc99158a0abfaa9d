import { describe, expect, it } from 'vitest';
import { createHandlers, windowlessHooks } from '../../../src-main/adapters/handlers';
import { createFakeCore } from './fake-core';

describe('the openSettings channel', () => {
  it('shows the settings window where there is one, and says so where there is none', async () => {
    let shown = 0;
    const desktop = createHandlers(createFakeCore(), {
      ...windowlessHooks,
      showSettings: () => {
        shown += 1;
      },
    });
    expect(await desktop.openSettings({})).toEqual({ shown: true });
    expect(shown).toBe(1);
    await expect(desktop.openSettings({ tab: 'network' })).rejects.toThrow();
    expect(shown).toBe(1);
    const headless = createHandlers(createFakeCore(), windowlessHooks);
    expect(await headless.openSettings(undefined)).toEqual({ shown: false });
  });
});
