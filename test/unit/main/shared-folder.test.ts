import { describe, expect, it, vi } from 'vitest';
import { ContractError } from '../../../src-shared/contract';
import { createHandlers, windowlessHooks } from '../../../src-main/adapters/handlers';
import { createFakeCore } from './fake-core';

describe('showSharedFolder', () => {
  it('hands a \\\\server\\share path to the shell, and nothing else', async () => {
    const showPath = vi.fn(() => true);
    const handlers = createHandlers(createFakeCore(), { ...windowlessHooks, showPath });
    await expect(handlers.showSharedFolder({ path: '\\\\fs\\share\\dir' })).resolves.toEqual({
      shown: true,
      path: '\\\\fs\\share\\dir',
    });
    expect(showPath).toHaveBeenCalledWith('\\\\fs\\share\\dir');
    for (const path of ['/etc', 'C:\\Windows', '\\\\fs', 'https://x/y', 42])
      await expect(handlers.showSharedFolder({ path })).rejects.toBeInstanceOf(ContractError);
    expect(showPath).toHaveBeenCalledTimes(1);
  });

  it('says it was not shown where there is no file manager (headless)', async () => {
    const handlers = createHandlers(createFakeCore(), windowlessHooks);
    await expect(handlers.showSharedFolder({ path: '\\\\fs\\pub' })).resolves.toEqual({
      shown: false,
      path: '\\\\fs\\pub',
    });
  });
});
