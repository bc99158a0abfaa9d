import { useTranslation } from 'react-i18next';
import type { TransferItemDTO } from '../../../src-shared/contract';
import { formatBytes } from '../../format/size';
import { FileIcon, FolderIcon } from '../common/icons';

/** More than this and the rest is summed up: an offer may carry a thousand files. */
const SHOWN_ITEMS = 5;

/** What is offered: each item's name and size, a folder's size once known. */
export function TransferItems({ items }: { items: readonly TransferItemDTO[] }) {
  const { t, i18n } = useTranslation();
  const shown = items.slice(0, SHOWN_ITEMS);
  return (
    <ul className="transfer-items">
      {shown.map((item, index) => (
        <li key={`${index}:${item.name}`} className="transfer-item">
          {item.kind === 'directory' ? (
            <FolderIcon className="transfer-item-icon" />
          ) : (
            <FileIcon className="transfer-item-icon" />
          )}
          <span className="transfer-item-name" title={item.name}>
            {item.name}
          </span>
          <span className="transfer-item-size">
            {item.kind === 'directory' && item.size === 0
              ? t('transfer.folder')
              : formatBytes(item.size, i18n.language)}
          </span>
        </li>
      ))}
      {items.length > SHOWN_ITEMS && (
        <li className="transfer-item transfer-more">
          {t('transfer.more', { count: items.length - SHOWN_ITEMS })}
        </li>
      )}
    </ul>
  );
}
