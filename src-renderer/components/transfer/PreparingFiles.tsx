import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../format/size';
import type { FileOffer } from '../../hooks/use-file-offer';
import { ProgressLine } from './TransferProgress';

/** While picked files are made ready (uploaded, headless), how far it has come. */
export function PreparingFiles({ files }: { files: FileOffer }) {
  const { t, i18n } = useTranslation();
  const { preparing } = files;
  if (!preparing) return null;
  const { bytesDone, totalBytes } = preparing;
  const text =
    totalBytes > 0
      ? t('transfer.preparingDetail', {
          done: formatBytes(bytesDone, i18n.language),
          total: formatBytes(totalBytes, i18n.language),
        })
      : t('transfer.preparing');
  return (
    <div className="composer-preparing" role="status">
      <ProgressLine
        label={t('transfer.preparingLabel')}
        done={bytesDone}
        total={totalBytes}
        text={text}
      />
    </div>
  );
}
