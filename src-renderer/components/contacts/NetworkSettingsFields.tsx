import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkDraft, NetworkLoad, NetworkProblem } from '../../hooks/use-network-settings';

interface NetworkSettingsFieldsProps {
  load: NetworkLoad;
  restartNeeded: boolean;
  edit(patch: Partial<NetworkDraft>): void;
  /** The field the last save found wrong, with the id of the message saying why. */
  problem: { field: NetworkProblem; errorId: string } | null;
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
  // Hints sit outside the labels, so that a field's name is its label alone.
  const ids = {
    port: useId(),
    restart: useId(),
    downloadDir: useId(),
    hosts: useId(),
    hostsHint: useId(),
    broadcast: useId(),
    broadcastHint: useId(),
  };

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
  const invalid = (field: NetworkProblem) => problem?.field === field;
  const describedBy = (field: NetworkProblem, ...ids: string[]) =>
    [...(invalid(field) && problem ? [problem.errorId] : []), ...ids].join(' ') || undefined;

  return (
    <fieldset className="settings-section">
      <legend className="settings-legend">{t('settings.network')}</legend>
      <div className="field">
        <label className="field-label" htmlFor={ids.port}>
          {t('settings.port')}
        </label>
        <input
          ref={portRef}
          id={ids.port}
          className="input input-port"
          type="number"
          inputMode="numeric"
          min={1}
          max={65535}
          step={1}
          value={draft.port}
          aria-invalid={invalid('portInvalid')}
          aria-describedby={describedBy('portInvalid', ...(restartNeeded ? [ids.restart] : []))}
          onChange={(event) => edit({ port: event.target.value })}
        />
        {restartNeeded && (
          <span id={ids.restart} className="field-hint field-hint-warning">
            {t('settings.restartNeeded')}
          </span>
        )}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={ids.downloadDir}>
          {t('settings.downloadDir')}
        </label>
        <input
          ref={downloadDirRef}
          id={ids.downloadDir}
          className="input"
          value={draft.downloadDir}
          maxLength={4096}
          spellCheck={false}
          aria-invalid={invalid('downloadDirRequired')}
          aria-describedby={describedBy('downloadDirRequired')}
          onChange={(event) => edit({ downloadDir: event.target.value })}
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={ids.hosts}>
          {t('settings.hosts')}
        </label>
        <textarea
          id={ids.hosts}
          className="input"
          rows={3}
          value={draft.hosts}
          spellCheck={false}
          aria-describedby={ids.hostsHint}
          onChange={(event) => edit({ hosts: event.target.value })}
        />
        <span id={ids.hostsHint} className="field-hint">
          {t('settings.hostsHint')}
        </span>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={ids.broadcast}>
          {t('settings.broadcastAddresses')}
        </label>
        <textarea
          id={ids.broadcast}
          className="input"
          rows={2}
          value={draft.broadcastAddresses}
          spellCheck={false}
          aria-describedby={ids.broadcastHint}
          onChange={(event) => edit({ broadcastAddresses: event.target.value })}
        />
        <span id={ids.broadcastHint} className="field-hint">
          {t('settings.broadcastHint')}
        </span>
      </div>
    </fieldset>
  );
}
