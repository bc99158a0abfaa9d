import { useTranslation } from 'react-i18next';
import type {
  PlainConnection,
  PlainProtocol,
  PlainWhenDisconnected,
} from '../../../src-shared/contract';
import { Field } from '../common/Field';

/** What only a TCP contact is asked: who connects, line-based or not, text typed while not connected. */
export interface PlainTcpChoices {
  connection: PlainConnection;
  lineBased: boolean;
  whenDisconnected: PlainWhenDisconnected;
}

export const DEFAULT_TCP_CHOICES: PlainTcpChoices = {
  connection: 'connect',
  lineBased: false,
  whenDisconnected: 'queue',
};

interface ChoiceFieldProps<T extends string> {
  label: string;
  value: T;
  /** Each value with the words the user sees for it. */
  choices: readonly (readonly [T, string])[];
  onChange(value: T): void;
}

/** A labelled select whose value is only ever one of its choices. */
function ChoiceField<T extends string>({ label, value, choices, onChange }: ChoiceFieldProps<T>) {
  return (
    <Field label={label}>
      {(control) => (
        <select
          {...control}
          className="input"
          value={value}
          onChange={(event) => {
            const picked = choices.find(([choice]) => choice === event.target.value);
            if (picked) onChange(picked[0]);
          }}
        >
          {choices.map(([choice, words]) => (
            <option key={choice} value={choice}>
              {words}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

interface ChoiceProps<T> {
  value: T;
  onChange(value: T): void;
}

/** The "Protocol" select of the plain contact dialog: UDP or TCP. */
export function PlainProtocolField({ value, onChange }: ChoiceProps<PlainProtocol>) {
  const { t } = useTranslation();
  return (
    <ChoiceField
      label={t('plain.protocol')}
      value={value}
      choices={[
        ['udp', t('plain.udp')],
        ['tcp', t('plain.tcp')],
      ]}
      onChange={onChange}
    />
  );
}

/** The "Connection" select: Pigeon connects to the program, or waits for it to connect. */
export function PlainConnectionField({ value, onChange }: ChoiceProps<PlainTcpChoices>) {
  const { t } = useTranslation();
  return (
    <ChoiceField
      label={t('plain.connection')}
      value={value.connection}
      choices={[
        ['connect', t('plain.connect')],
        ['listen', t('plain.listen')],
      ]}
      onChange={(connection) => onChange({ ...value, connection })}
    />
  );
}

/** How a TCP contact frames what is sent, and what happens to text typed while not connected. */
export function PlainTcpOptions({ value, onChange }: ChoiceProps<PlainTcpChoices>) {
  const { t } = useTranslation();
  return (
    <>
      <ChoiceField
        label={t('plain.whenDisconnected')}
        value={value.whenDisconnected}
        choices={[
          ['queue', t('plain.queue')],
          ['refuse', t('plain.refuse')],
        ]}
        onChange={(whenDisconnected) => onChange({ ...value, whenDisconnected })}
      />
      <div className="field">
        <label className="field-check">
          <input
            type="checkbox"
            checked={value.lineBased}
            onChange={(event) => onChange({ ...value, lineBased: event.target.checked })}
          />
          {t('plain.lineBased')}
        </label>
      </div>
    </>
  );
}
