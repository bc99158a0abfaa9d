import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { contextBridge, webUtils } from './fake-electron';
import type { PigeonFilesApi } from '../../../src-shared/contract/local-files';

let files: PigeonFilesApi;

beforeAll(async () => {
  await import('../../../preload/index');
  files = contextBridge.exposed.get('pigeonFiles') as PigeonFilesApi;
});

describe('window.pigeonFiles', () => {
  it('exposes only pathFor, frozen', () => {
    expect(Object.keys(files)).toEqual(['pathFor']);
    expect(Object.isFrozen(files)).toBe(true);
  });

  it("answers a picked file's local path through webUtils.getPathForFile", () => {
    const file = { fakePath: '/home/ming/报告.pdf' } as unknown as File;
    expect(files.pathFor(file)).toBe('/home/ming/报告.pdf');
    expect(webUtils.getPathForFile).toHaveBeenCalledWith(file);
  });

  it('answers an empty path for anything that is not a file of the page', () => {
    expect(files.pathFor({} as File)).toBe('');
    expect(files.pathFor(null as unknown as File)).toBe('');
  });
});
