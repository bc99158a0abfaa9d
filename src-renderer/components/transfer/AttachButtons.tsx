import { useRef, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { pickedFromInput } from '../../bridge/picked-files';
import type { FileOffer } from '../../hooks/use-file-offer';
import { FolderIcon, PaperclipIcon } from '../common/icons';
import { IconButton } from '../common/IconButton';

/**
 * "Send file" and "Send folder" beside the composer: each opens the system's picker
 * (several files at once; or one folder, via webkitdirectory) and offers what was picked.
 */
export function AttachButtons({ files }: { files: FileOffer }) {
  const { t } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const busy = files.preparing !== null;

  const onPicked = (event: ChangeEvent<HTMLInputElement>) => {
    const picked = pickedFromInput(event.target.files);
    // Cleared so picking the same file again still counts as a change.
    event.target.value = '';
    void files.offer(picked);
  };

  return (
    <div className="attach-buttons">
      <IconButton
        label={t('transfer.sendFile')}
        aria-disabled={busy}
        onClick={() => !busy && fileInput.current?.click()}
      >
        <PaperclipIcon />
      </IconButton>
      <IconButton
        label={t('transfer.sendFolder')}
        aria-disabled={busy}
        onClick={() => !busy && folderInput.current?.click()}
      >
        <FolderIcon />
      </IconButton>
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        data-testid="file-input"
        onChange={onPicked}
      />
      <input
        ref={folderInput}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        data-testid="folder-input"
        // React passes unknown attributes through as written.
        {...{ webkitdirectory: '' }}
        onChange={onPicked}
      />
    </div>
  );
}
