import { useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { downloadText } from '../../format/download';
import { useAppStore } from '../../store/store-context';
import { DownloadIcon } from '../common/icons';
import { IconButton } from '../common/IconButton';

type Format = 'text' | 'json';

/** "Export" in the chat header: the whole conversation as plain text or JSON, downloaded. */
export function ExportMenu({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const addNotice = useAppStore((state) => state.addNotice);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) toggle.current?.focus();
  };

  const exportAs = async (format: Format) => {
    if (busy) return;
    setBusy(true);
    try {
      const file = await api.exportConversation({ conversationId, format });
      downloadText(file, format === 'json' ? 'conversation.json' : 'conversation.txt');
      close(true);
    } catch (error) {
      addNotice({
        code: 'export',
        level: 'error',
        message: t('chat.exportFailed', { message: describeError(error) }),
      });
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    }
  };

  // Focus leaving the menu closes it, as clicking elsewhere does.
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
  };

  return (
    <div className="export-menu" onKeyDown={onKeyDown} onBlur={onBlur}>
      <IconButton
        label={t('chat.export')}
        ref={toggle}
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((was) => !was)}
      >
        <DownloadIcon />
      </IconButton>
      <div id={menuId} className="export-popover" hidden={!open} aria-busy={busy}>
        <button
          type="button"
          className="export-option"
          aria-disabled={busy}
          onClick={() => void exportAs('text')}
        >
          {t('chat.exportText')}
        </button>
        <button
          type="button"
          className="export-option"
          aria-disabled={busy}
          onClick={() => void exportAs('json')}
        >
          {t('chat.exportJson')}
        </button>
      </div>
    </div>
  );
}
