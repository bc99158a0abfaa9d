// The user hears once that the disk is full, and once that it is not any more; a command
// that could not be saved is refused with that reason rather than "Something went wrong".
import { ContractError, type PigeonEvent } from '../../src-shared/contract';
import { isDiskFull, type DiskFullWatch } from './store/disk-full-watch';

/** The notice's code; the window shows it in the user's language. */
export const DISK_FULL_CODE = 'disk-full';
export const DISK_FULL_TEXT = 'Disk full: messages are not being saved';

/** One notice when writes start failing for lack of space, cleared when one succeeds again. */
export function announceDiskFull(
  disk: DiskFullWatch,
  emit: (event: PigeonEvent) => void,
): () => void {
  return disk.onChange((full) =>
    emit(
      full
        ? { type: 'notice', level: 'error', code: DISK_FULL_CODE, message: DISK_FULL_TEXT }
        : { type: 'notice-cleared', code: DISK_FULL_CODE },
    ),
  );
}

/** Run a command; a failure for lack of space becomes a refusal the window can name. */
export function refuseWhenDiskFull<T>(command: () => T): T {
  try {
    return command();
  } catch (error) {
    if (isDiskFull(error)) throw new ContractError('disk-full', DISK_FULL_TEXT);
    throw error;
  }
}
