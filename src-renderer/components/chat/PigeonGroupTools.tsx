import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupDTO, ParsedRequest } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { contactName } from '../../format/display-name';
import { useAppStore } from '../../store/store-context';

type Change = ParsedRequest<'changeGroup'>['change'];

/** Our own id (user@host), as the group lists us. */
export function useSelfId(): string | undefined {
  const self = useAppStore((state) => state.self);
  return self ? `${self.user}@${self.host}` : undefined;
}

/** One change to a Pigeon group through main, its failure said in the panel. */
export function useGroupChange(group: GroupDTO) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const [error, setError] = useState<string | undefined>(undefined);
  const change = async (wanted: Change): Promise<boolean> => {
    try {
      await api.changeGroup({ groupId: group.id, change: wanted });
      setError(undefined);
      return true;
    } catch (failure) {
      setError(t('groups.changeFailed', { message: describeError(failure) }));
      return false;
    }
  };
  return { change, error };
}

/** Under a Pigeon group's member list: rename it, add a contact, leave it. */
export function PigeonGroupTools({
  group,
  change,
}: {
  group: GroupDTO;
  change: (wanted: Change) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const peers = useAppStore((state) => state.peers);
  const remarks = useAppStore((state) => state.remarks);
  const [name, setName] = useState('');
  const [adding, setAdding] = useState('');
  const candidates = [...peers.values()].filter(
    (peer) => peer.plain === undefined && !group.members.includes(peer.id),
  );

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && (await change({ kind: 'rename', name: name.trim() }))) setName('');
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (adding && (await change({ kind: 'add', peerId: adding }))) setAdding('');
  };

  return (
    <div className="group-tools">
      <form className="group-tool" onSubmit={(event) => void rename(event)}>
        <input
          className="input"
          aria-label={t('groups.renameTo')}
          placeholder={group.name}
          value={name}
          maxLength={64}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="button">
          {t('groups.rename')}
        </button>
      </form>
      <form className="group-tool" onSubmit={(event) => void add(event)}>
        <select
          className="input"
          aria-label={t('groups.addMemberChoose')}
          value={adding}
          onChange={(event) => setAdding(event.target.value)}
        >
          <option value="">{t('groups.addMember')}</option>
          {candidates.map((peer) => (
            <option key={peer.id} value={peer.id}>
              {contactName(peer, remarks)}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          {t('groups.add')}
        </button>
      </form>
      <button type="button" className="button" onClick={() => void change({ kind: 'leave' })}>
        {t('groups.leave')}
      </button>
    </div>
  );
}
