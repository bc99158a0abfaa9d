import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkDraft, NetworkLoad, NetworkProblem } from '../../hooks/use-network-settings';
import { Field } from '../common/Field';

interface NetworkSettingsFieldsProps {
  load: NetworkLoad;
  restartNeeded: boolean;
  edit(patch: Partial<NetworkDraft>): void;
  /** The field the last save found wrong (the settings' error line says why). */
  problem: NetworkProblem | null;
  portRef: Ref<HTMLInputElement>;
  downloadDirRef: Ref<HTMLInputElement>;
}

/** Port, download folder, extra hosts and broadcast addresses, in the settings panel. */
export function NetworkSettingsFields({
  load,
  restartNeeded,
  edit,
  problem,
  portRef,
  downloadDirRef,
}: NetworkSettingsFieldsProps) {
  const { t } = useTranslation();

  if (load.phase !== 'ready') {
    return (
      <fieldset className="settings-section">
        <legend className="settings-legend">{t('settings.network')}</legend>
        {load.phase === 'loading' ? (
          <p className="field-hint" role="status">
            {t('settings.networkLoading')}
          </p>
        ) : (
          <p className="form-error" role="alert">
            {t('settings.networkLoadFailed', { message: load.error })}
          </p>
        )}
      </fieldset>
    );
  }

  const { draft } = load;
  return (
    <fieldset className="settings-section">
      <legend className="settings-legend">{t('settings.network')}</legend>
      <Field
        label={t('settings.port')}
        hint={restartNeeded ? t('settings.restartNeeded') : undefined}
        warning
        invalid={problem === 'portInvalid'}
      >
        {(control) => (
          <input
            {...control}
            ref={portRef}
            className="input input-port"
            type="number"
            inputMode="numeric"
            min={1}
            max={65535}
            step={1}
            value={draft.port}
            onChange={(event) => edit({ port: event.target.value })}
          />
        )}
      </Field>
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
      <Field label={t('settings.hosts')} hint={t('settings.hostsHint')}>
        {(control) => (
          <textarea
            {...control}
            className="input"
            rows={3}
            value={draft.hosts}
            spellCheck={false}
            onChange={(event) => edit({ hosts: event.target.value })}
          />
        )}
      </Field>
      <Field label={t('settings.broadcastAddresses')} hint={t('settings.broadcastHint')}>
        {(control) => (
          <textarea
            {...control}
            className="input"
            rows={2}
            value={draft.broadcastAddresses}
            spellCheck={false}
            onChange={(event) => edit({ broadcastAddresses: event.target.value })}
          />
        )}
      </Field>
    </fieldset>
  );
}
