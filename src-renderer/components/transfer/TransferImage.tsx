import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferPicture } from '../../hooks/use-transfer-image';
import { ImageViewer } from './ImageViewer';

/** An image transfer inline: a thumbnail that opens the picture full size. */
export function TransferImage({ picture, name }: { picture: TransferPicture; name: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (picture.status === 'failed')
    return <p className="transfer-image-failed">{t('transfer.imageFailed')}</p>;
  if (picture.status !== 'ready') return null;
  return (
    <>
      <button type="button" className="transfer-thumbnail" onClick={() => setOpen(true)}>
        <img src={picture.src} alt={name} />
      </button>
      {open && <ImageViewer src={picture.src} name={name} onClose={() => setOpen(false)} />}
    </>
  );
}
