import { useEffect, useRef, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { closeOnEscape } from '../../hooks/close-on-escape';
import { CloseIcon } from '../common/icons';
import { IconButton } from '../common/IconButton';

/**
 * A picture full size over the window: a modal dialog, closed by Escape, its close
 * button or a click beside the picture; focus stays inside and returns after.
 * Drawn in document.body: the log's rows are transformed, which would trap it.
 */
export function ImageViewer({
  src,
  name,
  onClose,
}: {
  src: string;
  name: string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => before?.focus();
  }, []);

  const escape = closeOnEscape(onClose);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return escape(event);
    // One control inside: Tab stays on it.
    event.preventDefault();
    close.current?.focus();
  };

  return createPortal(
    <div
      className="image-viewer"
      role="dialog"
      aria-modal="true"
      aria-label={t('transfer.imageViewer', { name })}
      onKeyDown={onKeyDown}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <img className="image-viewer-picture" src={src} alt={name} />
      <IconButton
        label={t('transfer.close')}
        ref={close}
        className="image-viewer-close"
        onClick={onClose}
      >
        <CloseIcon />
      </IconButton>
    </div>,
    document.body,
  );
}
