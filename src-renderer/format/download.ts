/** Characters no file system takes in a name, and control characters. */
const UNSAFE_NAME = /[\u0000-\u001f\u007f<>:"/\\|?*]+/g;
const MAX_NAME_CHARS = 120;

/**
 * A file name as the user will see it in the save dialog: no folders, no
 * characters Windows refuses, not hidden, not empty, not endless.
 */
export function safeFileName(raw: string, fallback: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .replace(UNSAFE_NAME, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  if (!cleaned) return fallback;
  if (cleaned.length <= MAX_NAME_CHARS) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, MAX_NAME_CHARS - extension.length) + extension;
}

export interface DownloadTarget {
  document: Document;
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
}

const browserTarget = (): DownloadTarget => ({
  document,
  createObjectURL: (blob) => URL.createObjectURL(blob),
  revokeObjectURL: (url) => URL.revokeObjectURL(url),
});

/**
 * Save text as a file through the browser's download (Electron and Chromium both
 * handle `<a download>` with a blob URL): no file system access in the renderer.
 */
export function downloadText(
  file: { fileName: string; mimeType: string; content: string },
  fallbackName: string,
  target: DownloadTarget = browserTarget(),
): string {
  const name = safeFileName(file.fileName, fallbackName);
  const type = /^[\w.+-]+\/[\w.+-]+(?:;\s*charset=[\w-]+)?$/i.test(file.mimeType)
    ? file.mimeType
    : 'text/plain;charset=utf-8';
  const url = target.createObjectURL(new Blob([file.content], { type }));
  const link = target.document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.hidden = true;
  target.document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The download has its own reference by now; the URL need not outlive this turn for long.
    setTimeout(() => target.revokeObjectURL(url), 10_000);
  }
  return name;
}
