import { useEffect, useState } from 'react';
import type { TransferDTO } from '../../src-shared/contract';
import { useBridge } from '../bridge/bridge-context';

/** Pictures shown inline; anything else (SVG included) is not drawn from a peer's bytes. */
const IMAGE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/bmp',
  'image/avif',
]);
const BASE64 = /^[A-Z0-9+/]*={0,2}$/i;

export type TransferPicture =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'failed' }
  | { status: 'ready'; src: string };

/**
 * The picture of an image transfer as a data: URL, once its bytes are here: the
 * sender has them from the start, the receiver once the transfer is done.
 */
export function useTransferImage(transfer: TransferDTO | undefined): TransferPicture {
  const { api } = useBridge();
  const ready =
    transfer?.image === true && (transfer.direction === 'out' || transfer.state === 'done');
  const transferId = transfer?.id;
  // Each answer is kept with the transfer it is for: another id means not loaded yet.
  const [answer, setAnswer] = useState<{ transferId: string; picture: TransferPicture } | null>(
    null,
  );

  useEffect(() => {
    if (!ready || !transferId) return;
    let current = true;
    const settle = (picture: TransferPicture) => {
      if (current) setAnswer({ transferId, picture });
    };
    api.getTransferImage({ transferId }).then(
      ({ mimeType, base64 }) => {
        const type = mimeType.toLowerCase();
        settle(
          IMAGE_TYPES.has(type) && BASE64.test(base64)
            ? { status: 'ready', src: `data:${type};base64,${base64}` }
            : { status: 'failed' },
        );
      },
      () => settle({ status: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, [api, ready, transferId]);

  if (!ready) return { status: 'none' };
  return answer && answer.transferId === transferId ? answer.picture : { status: 'loading' };
}
