import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlainEncoding } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { useAppStore } from '../../store/store-context';
import { closeOnEscape } from '../../hooks/close-on-escape';
import { parsePort } from '../../format/port';
import { ENCODING_NAMES } from '../../format/plain-contact';

interface AddPlainContactDialogProps {
  id: string;
  onClose(): void;
}

type Field = 'host' | 'port' | 'localPort';

interface FormError {
  message: string;
  field?: Field;
}

/**
 * Host, port, encoding, an optional local port and name for a program that speaks
 * bare text over UDP. What main refuses (a taken port, a name not found) shows here,
 * with everything typed kept.
 */
export function AddPlainContactDialog({ id, onClose }: AddPlainContactDialogProps) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const applyEvents = useAppStore((state) => state.applyEvents);
  const [host, setHost] = useState('');
  const [port, setPort] = useState('');
  const [encoding, setEncoding] = useState<PlainEncoding>('utf8');
  const [localPort, setLocalPort] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [adding, setAdding] = useState(false);
  const hostField = useRef<HTMLInputElement>(null);
  const portField = useRef<HTMLInputElement>(null);
  const localPortField = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const introId = useId();
  const errorId = useId();
  const localHintId = useId();

  useEffect(() => hostField.current?.focus(), []);

  const refuse = (field: Field, message: string) => {
    setError({ field, message });
    const refs = { host: hostField, port: portField, localPort: localPortField };
    refs[field].current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (adding) return;
    if (!host.trim()) return refuse('host', t('plain.hostRequired'));
    const remotePort = parsePort(port, 1);
    if (remotePort === undefined) return refuse('port', t('plain.portInvalid'));
    const ownPort = localPort.trim() === '' ? 0 : parsePort(localPort, 0);
    if (ownPort === undefined) return refuse('localPort', t('plain.localPortInvalid'));
    setAdding(true);
    setError(null);
    try {
      const peer = await api.addPlainContact({
        host: host.trim(),
        port: remotePort,
        encoding,
        ...(ownPort > 0 && { localPort: ownPort }),
        ...(name.trim() && { nickname: name.trim() }),
      });
      // The 'peer' event follows; showing it now keeps the list in step with the click.
      applyEvents([{ type: 'peer', peer }]);
      onClose();
    } catch (failure) {
      setError({ message: t('plain.addFailed', { message: describeError(failure) }) });
      setAdding(false);
    }
  };

  const invalid = (field: Field) => ({
    'aria-invalid': error?.field === field,
    'aria-describedby': error?.field === field ? errorId : undefined,
  });

  return (
    <section
      id={id}
      role="dialog"
      className="settings-panel plain-dialog"
      aria-labelledby={titleId}
      aria-describedby={introId}
      onKeyDown={closeOnEscape(onClose)}
    >
      <h2 id={titleId} className="settings-title">
        {t('plain.title')}
      </h2>
      <p id={introId} className="field-hint plain-intro">
        {t('plain.intro')}
      </p>
      <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate>
        <label className="field">
          <span className="field-label">{t('plain.host')}</span>
          <input
            ref={hostField}
            className="input"
            value={host}
            maxLength={253}
            placeholder={t('plain.hostHint')}
            autoComplete="off"
            spellCheck={false}
            {...invalid('host')}
            onChange={(event) => setHost(event.target.value)}
          />
        </label>
        <div className="plain-row">
          <label className="field">
            <span className="field-label">{t('plain.port')}</span>
            <input
              ref={portField}
              className="input input-port"
              value={port}
              inputMode="numeric"
              maxLength={5}
              autoComplete="off"
              {...invalid('port')}
              onChange={(event) => setPort(event.target.value)}
            />
          </label>
          <label className="field">
            <span className="field-label">{t('plain.encoding')}</span>
            <select
              className="input"
              value={encoding}
              onChange={(event) => setEncoding(event.target.value as PlainEncoding)}
            >
              {Object.entries(ENCODING_NAMES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="field">
          <label className="field">
            <span className="field-label">{t('plain.localPort')}</span>
            <input
              ref={localPortField}
              className="input input-port"
              value={localPort}
              inputMode="numeric"
              maxLength={5}
              autoComplete="off"
              aria-invalid={error?.field === 'localPort'}
              aria-describedby={
                error?.field === 'localPort' ? `${errorId} ${localHintId}` : localHintId
              }
              onChange={(event) => setLocalPort(event.target.value)}
            />
          </label>
          <span id={localHintId} className="field-hint">
            {t('plain.localPortHint')}
          </span>
        </div>
        <label className="field">
          <span className="field-label">{t('plain.name')}</span>
          <input
            className="input"
            value={name}
            maxLength={64}
            placeholder={t('plain.nameHint')}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        {error && (
          <p id={errorId} className="form-error" role="alert">
            {error.message}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {t('plain.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={adding}>
            {adding ? t('plain.adding') : t('plain.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
