// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { PigeonApi } from '../../../src-shared/contract';
import { createLocalPaths } from '../../../src-renderer/bridge/local-paths';
import { MAX_PICTURE_BYTES, pictureStager } from '../../../src-renderer/bridge/picture-staging';

function stagingApi() {
  return {
    stagePicture: vi.fn<PigeonApi['stagePicture']>(async (request) => ({
      path: `/staged/${request?.name ?? ''}`,
    })),
  };
}

describe('pasted pictures under Electron', () => {
  it('refuses an empty or too large picture before sending any bytes', async () => {
    const api = stagingApi();
    const stage = pictureStager(api);
    await expect(stage(new File([], 'empty.png', { type: 'image/png' }))).rejects.toMatchObject({
      code: 'empty-picture',
    });
    const huge = new File(['x'], 'huge.png', { type: 'image/png' });
    Object.defineProperty(huge, 'size', { value: MAX_PICTURE_BYTES + 1 });
    await expect(stage(huge)).rejects.toMatchObject({ code: 'picture-too-large' });
    expect(api.stagePicture).not.toHaveBeenCalled();
  });

  it('stages only pictures with no path; files with a path keep it', async () => {
    const api = stagingApi();
    const onDisk = new File(['a'], 'a.png', { type: 'image/png' });
    const pasted = new File(['\xff\xd8\xff'], '', { type: 'image/jpeg' });
    const local = createLocalPaths(
      { pathFor: (file) => (file === onDisk ? '/home/ming/a.png' : '') },
      pictureStager(api),
    );
    expect(await local.pathsFor([{ file: onDisk, relativePath: '' }])).toEqual([
      '/home/ming/a.png',
    ]);
    expect(api.stagePicture).not.toHaveBeenCalled();
    // A nameless clipboard picture still gets a name main accepts.
    expect(await local.pathsFor([{ file: pasted, relativePath: '' }])).toEqual(['/staged/image']);
    expect(api.stagePicture).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'image', mimeType: 'image/jpeg' }),
    );
    // Without a stager (or for a file of a folder) a missing path is an error as before.
    await expect(
      createLocalPaths({ pathFor: () => '' }).pathsFor([{ file: pasted, relativePath: '' }]),
    ).rejects.toMatchObject({ code: 'no-path' });
    await expect(
      local.pathsFor([{ file: pasted, relativePath: 'album/x.jpg' }]),
    ).rejects.toMatchObject({
      code: 'no-path',
    });
  });
});
