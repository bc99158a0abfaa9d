import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReceiveFiles } from '../../../src-shared/contract';
import type { NetworkDraft, NetworkProblem } from '../../hooks/use-network-settings';
import { Field } from '../common/Field';

interface FilesTabProps {
  draft: NetworkDraft;
  edit(patch: Partial<NetworkDraft>): void;
  problem: NetworkProblem | null;
  downloadDirRef: Ref<HTMLInputElement>;
  limitRef: Ref<HTMLInputElement>;
}

/** Where received files go, and whether contacts' files are taken without asking. */
export function FilesTab({ draft, edit, problem, downloadDirRef, limitRef }: FilesTabProps) {
  const { t } = useTranslation();
  const automatic = draft.receiveFiles === 'accept-from-contacts';
  return (
    <>
      <Field label={t('settings.downloadDir')} invalid={problem === 'downloadDirRequired'}>
        {(control) => (
          <input
            {...control}
            ref={downloadDirRef}
            className="input"
            value={draft.downloadDir}
            maxLength={4096}
            spellCheck={false}
            onChange={(event) => edit({ downloadDir: event.target.value })}
          />
        )}
      </Field>
      <fieldset className="settings-choice">
        <legend className="field-label">{t('prefs.receiveFiles')}</legend>
        {(['ask', 'accept-from-contacts'] as ReceiveFiles[]).map((value) => (
          <label key={value} className="field-check">
            <input
              type="radio"
              name="receive-files"
              value={value}
              checked={draft.receiveFiles === value}
              onChange={() => edit({ receiveFiles: value })}
            />
            {t(value === 'ask' ? 'prefs.receiveAsk' : 'prefs.receiveFromContacts')}
          </label>
        ))}
      </fieldset>
      <Field label={t('prefs.autoAcceptMaxMB')} invalid={problem === 'autoAcceptInvalid'}>
        {(control) => (
          <input
            {...control}
            ref={limitRef}
            className="input input-port"
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            disabled={!automatic}
            value={draft.autoAcceptMaxMB}
            onChange={(event) => edit({ autoAcceptMaxMB: event.target.value })}
          />
        )}
      </Field>
    </>
  );
}
