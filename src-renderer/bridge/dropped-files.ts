import type { PickedFile } from './picked-files';

/** A dropped tree larger than this is refused rather than read for minutes. */
const MAX_DROPPED_FILES = 10_000;

/** True when a drag carries files (not text or a link). */
export function carriesFiles(data: DataTransfer | null): boolean {
  return data !== null && Array.from(data.types).includes('Files');
}

export const isImage = (file: File): boolean => file.type.startsWith('image/');

/**
 * The files of a drop. Where paths are known (Electron) a dropped folder is one
 * entry with its own path. Where they are not (headless uploads), a folder is read
 * file by file with each one's path inside it. Entries must be taken during the drop
 * event itself: the browser empties the DataTransfer after it.
 */
export function pickedFromDrop(data: DataTransfer, readFolders: boolean): Promise<PickedFile[]> {
  if (!readFolders) {
    return Promise.resolve(Array.from(data.files, (file) => ({ file, relativePath: '' })));
  }
  const entries: (FileSystemEntry | File)[] = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.();
    const file = item.getAsFile();
    if (entry?.isDirectory) entries.push(entry);
    else if (file) entries.push(file);
  }
  return readEntries(entries);
}

async function readEntries(entries: readonly (FileSystemEntry | File)[]): Promise<PickedFile[]> {
  const picked: PickedFile[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (picked.length >= MAX_DROPPED_FILES) throw new Error('Too many files in that folder.');
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) =>
        (entry as FileSystemFileEntry).file(resolve, reject),
      );
      picked.push({ file, relativePath: entry.fullPath.replace(/^\/+/, '') });
      return;
    }
    if (!entry.isDirectory) return;
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    let children = 0;
    // readEntries answers in slices until it answers none.
    for (;;) {
      const slice = await new Promise<FileSystemEntry[]>((resolve, reject) =>
        reader.readEntries(resolve, reject),
      );
      if (slice.length === 0) break;
      children += slice.length;
      for (const child of slice) await walk(child);
    }
    // An empty folder has no file to carry it: say it exists, so it arrives too.
    if (children === 0) {
      const relativePath = entry.fullPath.replace(/^\/+/, '');
      picked.push({ file: new File([], entry.name), relativePath, emptyFolder: true });
    }
  };
  for (const entry of entries) {
    if (entry instanceof File) picked.push({ file: entry, relativePath: '' });
    else await walk(entry);
  }
  return picked;
}
