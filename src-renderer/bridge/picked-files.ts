/** A file the user picked or dropped, and where it sits inside a picked folder. */
export interface PickedFile {
  file: File;
  /**
   * For a file of a picked or dropped folder, its path from that folder on, the
   * folder's own name first ('photos/2024/a.jpg'); '' for a file on its own.
   */
  relativePath: string;
  /**
   * A folder with nothing in it, inside a dropped folder (headless only: it must be
   * staged too, or it would vanish). `file` is then an empty stand-in named after it.
   */
  emptyFolder?: true;
}

/** How far getting files ready has come (headless: bytes uploaded so far). */
export interface StagingProgress {
  bytesDone: number;
  totalBytes: number;
}

/** Turns picked files into the local paths offerFiles takes. */
export interface LocalFiles {
  /** True when files are copied first (headless): big ones take a while, so show progress. */
  readonly uploads: boolean;
  /**
   * The paths to offer: one per file on its own, one per picked folder (whatever
   * number of its files were picked), in the order first seen.
   */
  pathsFor(
    picked: readonly PickedFile[],
    onProgress?: (progress: StagingProgress) => void,
    signal?: AbortSignal,
  ): Promise<string[]>;
}

/** The picked folder's own name, or the file's name for a file on its own. */
export function topName(picked: PickedFile): string {
  const first = picked.relativePath.split('/').find((segment) => segment !== '');
  return first ?? picked.file.name;
}

/** Files from an <input type="file">; a folder picker fills webkitRelativePath. */
export function pickedFromInput(files: FileList | readonly File[] | null): PickedFile[] {
  return Array.from(files ?? [], (file) => ({ file, relativePath: file.webkitRelativePath ?? '' }));
}
