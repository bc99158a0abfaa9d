import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { groupNoticeLine } from '../format/group-notice';
import type { PreviewWords } from '../format/message-preview';

/** The words of message previews in the window's language. */
export function usePreviewWords(): PreviewWords {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      files: t('preview.files'),
      file: (name) => t('preview.file', { name }),
      fileCount: (name, count) => t('preview.fileCount', { name, count, more: count - 1 }),
      folder: (name) => t('preview.folder', { name }),
      picture: t('preview.picture'),
      sealed: t('preview.sealed'),
      recalled: t('messageMenu.recalledPreview'),
      notice: (text) => groupNoticeLine(t, text),
    }),
    [t],
  );
}
