import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../bridge/bridge-context';
import { describeError } from '../bridge/errors';
import { failureText } from '../bridge/known-problems';
import { useAppStore } from '../store/store-context';
import type { DeliveryActions } from '../components/chat/DeliveryState';

/** Resend a failed message, withdraw a queued one; the answer replaces the message shown. */
export function useDeliveryActions(): DeliveryActions {
  const { t } = useTranslation();
  const { api } = useBridge();
  const upsertMessages = useAppStore((state) => state.upsertMessages);
  const addNotice = useAppStore((state) => state.addNotice);

  const onResend = useCallback(
    (messageId: string) => {
      api.resendMessage({ messageId }).then(
        (message) => upsertMessages([message]),
        (error: unknown) =>
          addNotice({
            code: `resend:${messageId}`,
            level: 'error',
            message: t('chat.resendFailed', { message: failureText(t, error) }),
          }),
      );
    },
    [api, upsertMessages, addNotice, t],
  );

  const onCancel = useCallback(
    (messageId: string) => {
      api.cancelMessage({ messageId }).then(
        (message) => upsertMessages([message]),
        (error: unknown) =>
          addNotice({
            code: `cancel:${messageId}`,
            level: 'error',
            message: t('chat.cancelFailed', { message: describeError(error) }),
          }),
      );
    },
    [api, upsertMessages, addNotice, t],
  );

  return { onResend, onCancel };
}
