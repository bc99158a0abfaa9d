import type { ClipboardEvent, DragEvent } from 'react';
import { carriesFiles, isImage } from '../bridge/dropped-files';
import type { FileOffer } from './use-file-offer';

/**
 * A picture pasted or dropped into the composer is offered as an inline image.
 * Anything else (text, or files that are not all pictures) goes its usual way:
 * pasted text into the box, dropped files to the chat window's drop zone.
 */
export function useImageIntake(files: FileOffer | undefined) {
  if (!files) return {};
  return {
    onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
      const images = Array.from(event.clipboardData.files).filter(isImage);
      if (images.length === 0) return;
      event.preventDefault();
      void files.offer(
        images.map((file) => ({ file, relativePath: '' })),
        { image: true },
      );
    },
    onDrop(event: DragEvent<HTMLTextAreaElement>) {
      if (!carriesFiles(event.dataTransfer)) return;
      const dropped = Array.from(event.dataTransfer.files);
      if (dropped.length === 0 || !dropped.every(isImage)) return;
      // Handled: the chat window's drop zone sees defaultPrevented and only clears its overlay.
      event.preventDefault();
      void files.offer(
        dropped.map((file) => ({ file, relativePath: '' })),
        { image: true },
      );
    },
  };
}
