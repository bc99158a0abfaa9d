import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkDraft, NetworkProblem } from '../../hooks/use-network-settings';
import { Field } from '../common/Field';

interface NetworkTabProps {
  draft: NetworkDraft;
  restartNeeded: boolean;
  edit(patch: Partial<NetworkDraft>): void;
  problem: NetworkProblem | null;
  portRef: Ref<HTMLInputElement>;
}

/** Port, peers on other networks and extra broadcast addresses: the plumbing, in one place. */
export function NetworkTab({ draft, restartNeeded, edit, problem, portRef }: NetworkTabProps) {
  const { t } = useTranslation();
  return (
    <>
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
    </>
  );
}
