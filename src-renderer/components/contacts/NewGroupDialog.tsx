import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { contactName } from '../../format/display-name';
import { useOpenChat } from '../../hooks/use-open-chat';
import { useAppStore } from '../../store/store-context';
import { Dialog } from '../common/Dialog';
import { Field } from '../common/Field';

/**
 * A Pigeon group: a name and the contacts picked (one checkbox each, named by the
 * contact). Main tells their Pigeons; the new group's chat opens.
 */
export function NewGroupDialog({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const openChat = useOpenChat();
  const peers = useAppStore((state) => state.peers);
  const remarks = useAppStore((state) => state.remarks);
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  // Plain programs speak no IPMsg: they cannot be in a group.
  const contacts = useMemo(
    () =>
      [...peers.values()]
        .filter((peer) => peer.plain === undefined)
        .map((peer) => ({ id: peer.id, name: contactName(peer, remarks) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [peers, remarks],
  );

  useEffect(() => field.current?.focus(), []);

  const toggle = (peerId: string) =>
    setPicked((before) => {
      const after = new Set(before);
      if (!after.delete(peerId)) after.add(peerId);
      return after;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (creating) return;
    if (!name.trim()) {
      setError(t('groups.nameRequired'));
      field.current?.focus();
      return;
    }
    if (picked.size === 0) return setError(t('groups.membersRequired'));
    setCreating(true);
    setError(null);
    try {
      const group = await api.createGroup({ name: name.trim(), memberIds: [...picked] });
      onClose();
      openChat(group.id);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setCreating(false);
    }
  };

  return (
    <Dialog
      id={id}
      role="dialog"
      title={t('groups.newGroup')}
      error={error ?? undefined}
      cancelLabel={t('groups.cancel')}
      submitLabel={t('groups.create')}
      busy={creating}
      onSubmit={(event) => void submit(event)}
      onClose={onClose}
    >
      <Field label={t('groups.groupName')} invalid={!!error && !name.trim()}>
        {(control) => (
          <input
            {...control}
            ref={field}
            className="input"
            value={name}
            maxLength={64}
            autoComplete="off"
            onChange={(event) => setName(event.target.value)}
          />
        )}
      </Field>
      <fieldset className="group-pick">
        <legend>{t('groups.pickMembers')}</legend>
        {contacts.length === 0 && <p>{t('groups.noContacts')}</p>}
        <ul className="group-pick-list">
          {contacts.map((contact) => (
            <li key={contact.id}>
              <label>
                <input
                  type="checkbox"
                  checked={picked.has(contact.id)}
                  onChange={() => toggle(contact.id)}
                />
                {contact.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </Dialog>
  );
}
