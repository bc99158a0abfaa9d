import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../bridge/bridge-context';
import { describeError } from '../bridge/errors';
import { useAppStore } from '../store/store-context';

/** Open (or bring up) the chat with a peer; a failure becomes a notice. */
export function useOpenChat(): (peerId: string) => void {
  const { t } = useTranslation();
  const bridge = useBridge();
  const addNotice = useAppStore((state) => state.addNotice);
  return useCallback(
    (peerId: string) => {
      bridge.openChat(peerId).catch((error: unknown) =>
        addNotice({
          code: 'open-chat',
          level: 'error',
          message: t('contacts.openFailed', { message: describeError(error) }),
        }),
      );
    },
    [bridge, addNotice, t],
  );
}
