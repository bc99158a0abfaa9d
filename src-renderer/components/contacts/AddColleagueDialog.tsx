import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { useAppStore } from '../../store/store-context';
import { Dialog } from '../common/Dialog';
import { Field } from '../common/Field';

/**
 * A colleague on another subnet, by address, computer name or range: added to the
 * host list, which main checks and then greets at once (and at every start).
 */
export function AddColleagueDialog({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const setNetworkSettings = useAppStore((state) => state.setNetworkSettings);
  const [entry, setEntry] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => field.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (adding) return;
    const wanted = entry.trim();
    if (!wanted) {
      setError(t('prefs.addColleagueRequired'));
      field.current?.focus();
      return;
    }
    setAdding(true);
    setError(null);
    try {
      const { hosts } = await api.getSettings();
      if (!hosts.includes(wanted)) {
        setNetworkSettings(await api.updateSettings({ hosts: [...hosts, wanted] }));
      }
      onClose();
    } catch (failure) {
      setError(describeError(failure));
      field.current?.focus();
    } finally {
      setAdding(false);
    }
  };

  return (
    <Dialog
      id={id}
      role="dialog"
      title={t('prefs.addColleague')}
      intro={t('prefs.addColleagueIntro')}
      error={error ?? undefined}
      cancelLabel={t('prefs.cancel')}
      submitLabel={t('prefs.addColleagueSubmit')}
      busy={adding}
      onSubmit={(event) => void submit(event)}
      onClose={onClose}
    >
      <Field label={t('prefs.addColleagueField')} hint={t('settings.hostsHint')} invalid={!!error}>
        {(control) => (
          <input
            {...control}
            ref={field}
            className="input"
            value={entry}
            maxLength={300}
            spellCheck={false}
            autoComplete="off"
            placeholder="192.168.2.10"
            onChange={(event) => setEntry(event.target.value)}
          />
        )}
      </Field>
    </Dialog>
  );
}
