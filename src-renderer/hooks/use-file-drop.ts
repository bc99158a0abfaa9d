import { useRef, useState, type DragEvent } from 'react';
import { useBridge } from '../bridge/bridge-context';
import { carriesFiles, pickedFromDrop } from '../bridge/dropped-files';
import type { PickedFile } from '../bridge/picked-files';

export interface FileDrop {
  /** Files are being dragged over the area: show where they would go. */
  dragging: boolean;
  handlers: {
    onDragEnter(event: DragEvent): void;
    onDragOver(event: DragEvent): void;
    onDragLeave(event: DragEvent): void;
    onDrop(event: DragEvent): void;
  };
}

/**
 * Files or folders dropped on an area (the chat window) are handed to `onFiles`; a drop
 * that cannot be read (a folder too large, a browser refusal) goes to `onError`.
 */
export function useFileDrop(
  onFiles: (picked: PickedFile[]) => void,
  onError: (failure: unknown) => void,
): FileDrop {
  const { localFiles } = useBridge();
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them.
  const depth = useRef(0);

  return {
    dragging,
    handlers: {
      onDragEnter(event) {
        if (!carriesFiles(event.dataTransfer)) return;
        depth.current += 1;
        setDragging(true);
      },
      onDragOver(event) {
        if (!carriesFiles(event.dataTransfer)) return;
        // Without this the browser would open the file instead of dropping it here.
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave(event) {
        if (!carriesFiles(event.dataTransfer)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      },
      onDrop(event) {
        depth.current = 0;
        setDragging(false);
        // Taken by something inside (a picture dropped into the composer).
        if (event.defaultPrevented || !carriesFiles(event.dataTransfer)) return;
        event.preventDefault();
        void pickedFromDrop(event.dataTransfer, localFiles.uploads).then(onFiles, onError);
      },
    },
  };
}
