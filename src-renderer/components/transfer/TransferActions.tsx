import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferDTO } from '../../../src-shared/contract';
import { useTransferActions } from '../../hooks/use-transfer-actions';
import { SaveToField } from './SaveToField';

/**
 * What can be done with a transfer now. Incoming offer: Accept, Save to…, Decline.
 * Waiting or moving: Cancel (either side). Done: Show in folder. Failed: Retry.
 */
export function TransferActions({ transfer }: { transfer: TransferDTO }) {
  const { t } = useTranslation();
  const actions = useTransferActions(transfer.id);
  const [busy, setBusy] = useState(false);
  const [saveTo, setSaveTo] = useState<string | null>(null);
  const [shownPath, setShownPath] = useState<string | null>(null);

  const act = async (action: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };

  const chooseAndAccept = async () => {
    const directory = await actions.chooseDirectory();
    if (directory) await actions.accept(directory);
    // No dialog here (headless): let the folder be typed, starting from the usual one.
    else setSaveTo(await actions.downloadDir());
  };

  const show = async () => {
    const answer = await actions.show();
    if (answer && !answer.shown) setShownPath(answer.path);
  };

  const button = (label: string, onClick: () => Promise<unknown>, primary = false) => (
    <button
      type="button"
      className={primary ? 'button button-primary button-small' : 'button button-small'}
      aria-disabled={busy}
      onClick={() => void act(onClick)}
    >
      {label}
    </button>
  );

  const incoming = transfer.direction === 'in';
  switch (transfer.state) {
    case 'offered':
      if (!incoming)
        return (
          <div className="transfer-actions">{button(t('transfer.cancel'), actions.cancel)}</div>
        );
      return (
        <>
          <div className="transfer-actions">
            {button(t('transfer.accept'), () => actions.accept(), true)}
            {button(t('transfer.saveTo'), chooseAndAccept)}
            {button(t('transfer.decline'), actions.decline)}
          </div>
          {saveTo !== null && (
            <SaveToField
              initial={saveTo}
              onSave={(directory) => void act(() => actions.accept(directory))}
              onClose={() => setSaveTo(null)}
            />
          )}
        </>
      );
    case 'active':
      return <div className="transfer-actions">{button(t('transfer.cancel'), actions.cancel)}</div>;
    case 'done':
      return (
        <>
          <div className="transfer-actions">{button(t('transfer.showInFolder'), show)}</div>
          {shownPath !== null && (
            <p className="transfer-path" role="status">
              {t('transfer.savedIn', { path: shownPath })}
            </p>
          )}
        </>
      );
    case 'failed':
      return transfer.retryable ? (
        <div className="transfer-actions">{button(t('transfer.retry'), actions.retry, true)}</div>
      ) : null;
    default:
      return null;
  }
}
