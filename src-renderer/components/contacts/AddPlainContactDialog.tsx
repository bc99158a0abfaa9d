import { useEffect, useRef, useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlainEncoding, PlainProtocol } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { useAppStore } from '../../store/store-context';
import { Dialog } from '../common/Dialog';
import { Field, type ControlProps } from '../common/Field';
import { parsePort } from '../../format/port';
import { ENCODING_NAMES } from '../../format/plain-contact';
import {
  DEFAULT_TCP_CHOICES,
  PlainConnectionField,
  PlainProtocolField,
  PlainTcpOptions,
  type PlainTcpChoices,
} from './PlainTcpFields';

interface AddPlainContactDialogProps {
  id: string;
  onClose(): void;
}

type FieldName = 'host' | 'port' | 'localPort';

interface FormError {
  message: string;
  field?: FieldName;
}

interface PortInputProps extends ControlProps {
  ref: Ref<HTMLInputElement>;
  value: string;
  onValue(value: string): void;
}

/** A port box: typed digits, checked on submit (parsePort) so that a wrong one is said. */
function PortInput({ onValue, ...props }: PortInputProps) {
  return (
    <input
      {...props}
      className="input input-port"
      inputMode="numeric"
      maxLength={5}
      autoComplete="off"
      onChange={(event) => onValue(event.target.value)}
    />
  );
}

/**
 * Protocol, host, port, encoding, an optional local port and name for a program that
 * speaks bare text over UDP or TCP; for TCP, who connects and what typed text does
 * while not connected. A TCP contact that waits asks for the local port to wait on
 * instead of the program's port. What main refuses (a taken port, a name not found)
 * shows here, with everything typed kept.
 */
export function AddPlainContactDialog({ id, onClose }: AddPlainContactDialogProps) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const applyEvents = useAppStore((state) => state.applyEvents);
  const [protocol, setProtocol] = useState<PlainProtocol>('udp');
  const [tcp, setTcp] = useState<PlainTcpChoices>(DEFAULT_TCP_CHOICES);
  const waits = protocol === 'tcp' && tcp.connection === 'listen';
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

  useEffect(() => hostField.current?.focus(), []);

  const refuse = (field: FieldName, message: string) => {
    setError({ field, message });
    const refs = { host: hostField, port: portField, localPort: localPortField };
    refs[field].current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (adding) return;
    // A contact that waits may name no host (any program may connect) and has no remote
    // port: its local port, the one it listens on, is required instead.
    if (!host.trim() && !waits) return refuse('host', t('plain.hostRequired'));
    const remotePort = waits ? undefined : parsePort(port, 1);
    if (remotePort === undefined && !waits) return refuse('port', t('plain.portInvalid'));
    // Only UDP and a waiting TCP contact show a local port: a hidden one is never sent.
    const ownPort = waits
      ? parsePort(localPort, 1)
      : protocol === 'tcp' || localPort.trim() === ''
        ? 0
        : parsePort(localPort, 0);
    if (ownPort === undefined) {
      return refuse('localPort', t(waits ? 'plain.listenPortInvalid' : 'plain.localPortInvalid'));
    }
    setAdding(true);
    setError(null);
    try {
      const peer = await api.addPlainContact({
        host: host.trim(),
        ...(remotePort !== undefined && { port: remotePort }),
        encoding,
        ...(ownPort > 0 && { localPort: ownPort }),
        ...(name.trim() && { nickname: name.trim() }),
        ...(protocol === 'tcp' && { protocol, ...tcp }),
      });
      // The 'peer' event follows; showing it now keeps the list in step with the click.
      applyEvents([{ type: 'peer', peer }]);
      onClose();
    } catch (failure) {
      setError({ message: t('plain.addFailed', { message: describeError(failure) }) });
      setAdding(false);
    }
  };

  return (
    <Dialog
      id={id}
      role="dialog"
      title={t('plain.title')}
      intro={t('plain.intro')}
      error={error?.message}
      cancelLabel={t('plain.cancel')}
      submitLabel={adding ? t('plain.adding') : t('plain.submit')}
      busy={adding}
      onSubmit={(event) => void submit(event)}
      onClose={onClose}
    >
      <PlainProtocolField value={protocol} onChange={setProtocol} />
      {protocol === 'tcp' && <PlainConnectionField value={tcp} onChange={setTcp} />}
      <Field label={t('plain.host')} invalid={error?.field === 'host'}>
        {(control) => (
          <input
            {...control}
            ref={hostField}
            className="input"
            value={host}
            maxLength={253}
            placeholder={t(waits ? 'plain.hostAnyHint' : 'plain.hostHint')}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setHost(event.target.value)}
          />
        )}
      </Field>
      <div className="plain-row">
        {!waits && (
          <Field label={t('plain.port')} invalid={error?.field === 'port'}>
            {(control) => <PortInput {...control} ref={portField} value={port} onValue={setPort} />}
          </Field>
        )}
        <Field label={t('plain.encoding')}>
          {(control) => (
            <select
              {...control}
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
          )}
        </Field>
      </div>
      {(protocol === 'udp' || waits) && (
        <Field
          label={t('plain.localPort')}
          hint={t(waits ? 'plain.listenPortHint' : 'plain.localPortHint')}
          invalid={error?.field === 'localPort'}
        >
          {(control) => (
            <PortInput {...control} ref={localPortField} value={localPort} onValue={setLocalPort} />
          )}
        </Field>
      )}
      <Field label={t('plain.name')}>
        {(control) => (
          <input
            {...control}
            className="input"
            value={name}
            maxLength={64}
            placeholder={t('plain.nameHint')}
            onChange={(event) => setName(event.target.value)}
          />
        )}
      </Field>
      {protocol === 'tcp' && <PlainTcpOptions value={tcp} onChange={setTcp} />}
    </Dialog>
  );
}
