import type { PigeonFilesApi } from '../../src-shared/contract/local-files';
import { BridgeError } from './errors';
import type { LocalFiles, PickedFile } from './picked-files';
import { isStageablePicture, type StagePicture } from './picture-staging';

/**
 * Under Electron the files are where they are: the preload tells each one's path.
 * For a file of a picked folder the folder itself is offered, found by climbing as
 * many levels as its relative path is deep. A picture with no path (pasted from the
 * clipboard) is saved by main first, when `stagePicture` is given.
 */
export function createLocalPaths(
  files: PigeonFilesApi | undefined,
  stagePicture?: StagePicture,
): LocalFiles {
  return {
    uploads: false,
    async pathsFor(picked) {
      const paths = new Set<string>();
      for (const item of picked) {
        // Only uploads list empty folders; here the folder's own path carries them.
        if (item.emptyFolder) continue;
        const path = files?.pathFor(item.file) ?? '';
        if (path) paths.add(offeredPath(path, item));
        else if (stagePicture && !item.relativePath && isStageablePicture(item.file))
          paths.add(await stagePicture(item.file));
        else throw new BridgeError('no-path', `Pigeon cannot tell where “${item.file.name}” is.`);
      }
      return [...paths];
    },
  };
}

function offeredPath(path: string, picked: PickedFile): string {
  const depth = picked.relativePath.split('/').filter((segment) => segment !== '').length;
  if (depth <= 1) return path;
  // Split keeping the separators, so a Windows path stays a Windows path.
  const parts = path.split(/([\\/])/);
  const kept = parts.slice(0, parts.length - 2 * (depth - 1)).join('');
  return kept || path;
}
