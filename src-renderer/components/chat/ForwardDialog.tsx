import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDTO } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { contactName } from '../../format/display-name';
import { recentChats } from '../../store/recent-chats';
import { useAppStore } from '../../store/store-context';
import { Dialog } from '../common/Dialog';

/** How many choices the list shows at once: typing narrows it. */
const SHOWN = 50;

/**
 * Forward a message: the user picks a chat (recent chats first, then contacts online),
 * and the text goes there as a new message from them.
 */
export function ForwardDialog({ message, onClose }: { message: MessageDTO; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const conversations = useAppStore((state) => state.conversations);
  const peers = useAppStore((state) => state.peers);
  const remarks = useAppStore((state) => state.remarks);
  const addNotice = useAppStore((state) => state.addNotice);
  const [filter, setFilter] = useState('');
  const [target, setTarget] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const id = useId();
  const listId = useId();

  const choices = useMemo(() => {
    const seen = new Set<string>();
    const ordered: { id: string; name: string }[] = [];
    const add = (peerId: string) => {
      const peer = peers.get(peerId);
      if (!peer || seen.has(peerId)) return;
      seen.add(peerId);
      ordered.push({ id: peerId, name: contactName(peer, remarks) });
    };
    for (const chat of recentChats(conversations.values())) add(chat.peerId);
    for (const peer of peers.values()) if (peer.status !== 'offline') add(peer.id);
    const wanted = filter.trim().toLowerCase();
    return ordered
      .filter((choice) => wanted === '' || choice.name.toLowerCase().includes(wanted))
      .slice(0, SHOWN);
  }, [conversations, peers, remarks, filter]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = choices.find((choice) => choice.id === target);
    if (!chosen) {
      setError(t('messageMenu.forwardPick'));
      return;
    }
    setBusy(true);
    try {
      // A one-to-one conversation's id is its peer's: no window needs to open for it.
      await api.sendMessage({ conversationId: chosen.id, text: message.text });
      addNotice({
        code: 'forward',
        level: 'info',
        message: t('messageMenu.forwarded', { name: chosen.name }),
      });
      onClose();
    } catch (failure) {
      setError(t('messageMenu.forwardFailed', { message: describeError(failure) }));
      setBusy(false);
    }
  };

  return (
    <div className="dialog-layer">
      <Dialog
        id={id}
        role="dialog"
        title={t('messageMenu.forwardTitle')}
        intro={t('messageMenu.forwardIntro')}
        error={error}
        cancelLabel={t('messageMenu.forwardCancel')}
        submitLabel={t('messageMenu.forwardSubmit')}
        busy={busy}
        onSubmit={(event) => void submit(event)}
        onClose={onClose}
      >
        <input
          type="search"
          className="input"
          aria-label={t('messageMenu.forwardFilter')}
          aria-controls={listId}
          value={filter}
          autoFocus
          onChange={(event) => setFilter(event.target.value)}
        />
        <div
          id={listId}
          role="radiogroup"
          className="forward-choices"
          aria-label={t('messageMenu.forwardTargets')}
        >
          {choices.length === 0 && <p className="forward-none">{t('messageMenu.forwardNone')}</p>}
          {choices.map((choice) => (
            <label key={choice.id} className="forward-choice">
              <input
                type="radio"
                name={`${id}-target`}
                value={choice.id}
                checked={target === choice.id}
                onChange={() => setTarget(choice.id)}
              />
              {choice.name}
            </label>
          ))}
        </div>
      </Dialog>
    </div>
  );
}
