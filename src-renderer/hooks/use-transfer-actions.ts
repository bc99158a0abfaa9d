import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelResponse, TransferDTO } from '../../src-shared/contract';
import { useBridge } from '../bridge/bridge-context';
import { describeError } from '../bridge/errors';
import { useAppStore } from '../store/store-context';

export interface TransferActions {
  accept(directory?: string): Promise<boolean>;
  decline(): Promise<boolean>;
  cancel(): Promise<boolean>;
  retry(): Promise<boolean>;
  /** Where to save, asked of the system (Electron); undefined where there is no dialog. */
  chooseDirectory(): Promise<string | undefined>;
  /** Show the finished transfer in the file manager; its path when none could be opened. */
  show(): Promise<ChannelResponse<'showTransfer'> | undefined>;
  /** The download folder, for the inline "save to" field. */
  downloadDir(): Promise<string>;
}

/**
 * The buttons of a transfer card. Each answer replaces the transfer in the store;
 * a refusal becomes a notice in the window (the card itself stays as it was).
 */
export function useTransferActions(transferId: string): TransferActions {
  const { t } = useTranslation();
  const { api } = useBridge();
  const upsertTransfers = useAppStore((state) => state.upsertTransfers);
  const addNotice = useAppStore((state) => state.addNotice);
  const knownSettings = useAppStore((state) => state.networkSettings);

  const report = useCallback(
    (failure: unknown) =>
      addNotice({
        code: `transfer:${transferId}`,
        level: 'error',
        message: t('transfer.actionFailed', { message: describeError(failure) }),
      }),
    [addNotice, transferId, t],
  );

  const run = useCallback(
    async (call: () => Promise<TransferDTO>): Promise<boolean> => {
      try {
        upsertTransfers([await call()]);
        return true;
      } catch (failure) {
        report(failure);
        return false;
      }
    },
    [upsertTransfers, report],
  );

  return useMemo(
    () => ({
      accept: (directory) =>
        run(() => api.acceptTransfer(directory ? { transferId, directory } : { transferId })),
      decline: () => run(() => api.declineTransfer({ transferId })),
      cancel: () => run(() => api.cancelTransfer({ transferId })),
      retry: () => run(() => api.retryTransfer({ transferId })),
      async chooseDirectory() {
        try {
          return (await api.chooseDirectory()).directory;
        } catch {
          return undefined;
        }
      },
      async show() {
        try {
          return await api.showTransfer({ transferId });
        } catch (failure) {
          report(failure);
          return undefined;
        }
      },
      async downloadDir() {
        if (knownSettings) return knownSettings.downloadDir;
        try {
          return (await api.getSettings()).downloadDir;
        } catch {
          return '';
        }
      },
    }),
    [api, transferId, run, report, knownSettings],
  );
}
