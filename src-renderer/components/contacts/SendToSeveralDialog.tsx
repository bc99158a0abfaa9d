import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDTO, SeveralCopyDTO } from '../../../src-shared/contract';
import { MAX_MESSAGE_CHARS } from '../../../src-shared/contract/channel-names';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { groupContacts } from '../../store/contact-groups';
import { useAppStore } from '../../store/store-context';
import { Dialog } from '../common/Dialog';
import { Field } from '../common/Field';
import { BroadcastResult } from './BroadcastResult';
import { SeveralContactPicker } from './SeveralContactPicker';
import { SeveralResults } from './SeveralResults';

/**
 * 群发: tick contacts (or a whole contact-list group), write once, and each gets a copy
 * in their own chat. Afterwards the dialog shows where each copy is. "Everyone online"
 * makes it IP Messenger's broadcast notice instead, kept in "Everyone (broadcast)".
 */
export function SendToSeveralDialog({ id, onClose }: { id: string; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { api } = useBridge();
  const peers = useAppStore((state) => state.peers);
  const remarks = useAppStore((state) => state.remarks);
  const ownGroup = useAppStore((state) => state.self?.group ?? '');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [copies, setCopies] = useState<SeveralCopyDTO[] | undefined>();
  const [everyone, setEveryone] = useState(false);
  const [notice, setNotice] = useState<MessageDTO | undefined>();
  const message = useRef<HTMLTextAreaElement>(null);

  const groups = useMemo(
    () =>
      groupContacts(peers.values(), '', new Intl.Collator(i18n.language), { remarks, ownGroup }),
    [peers, remarks, ownGroup, i18n.language],
  );

  useEffect(() => {
    if (!copies && !notice) return;
    document.getElementById(`${id}-results`)?.focus();
  }, [copies, notice, id]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!everyone && chosen.size === 0) return setError(t('several.pickSomeone'));
    if (text.trim() === '') {
      setError(t('several.writeSomething'));
      message.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      if (everyone) setNotice((await api.sendBroadcast({ text })).at(-1));
      else setCopies(await api.sendToSeveral({ peerIds: [...chosen], text }));
    } catch (failure) {
      setError(t('several.failed', { message: describeError(failure) }));
    } finally {
      setBusy(false);
    }
  };

  if (notice) return <BroadcastResult id={id} notice={notice} onClose={onClose} />;
  if (copies) return <SeveralResults id={id} copies={copies} onClose={onClose} />;

  return (
    <Dialog
      id={id}
      role="dialog"
      title={t('several.title')}
      intro={t(everyone ? 'several.everyoneIntro' : 'several.intro')}
      error={error}
      cancelLabel={t('several.cancel')}
      submitLabel={t('several.send')}
      busy={busy}
      onSubmit={(event) => void submit(event)}
      onClose={onClose}
    >
      <label className="forward-choice several-everyone">
        <input
          type="checkbox"
          checked={everyone}
          onChange={(event) => {
            setEveryone(event.target.checked);
            setError(undefined);
          }}
        />
        {t('several.everyone')}
      </label>
      {!everyone && <SeveralContactPicker groups={groups} chosen={chosen} onChange={setChosen} />}
      <Field label={t('several.message')} invalid={error === t('several.writeSomething')}>
        {(control) => (
          <textarea
            {...control}
            ref={message}
            className="input input-prose several-message"
            rows={3}
            value={text}
            maxLength={MAX_MESSAGE_CHARS}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
    </Dialog>
  );
}
