import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { pickedFromInput } from '../../bridge/picked-files';
import { useFileOffer } from '../../hooks/use-file-offer';
import { useOpenChat } from '../../hooks/use-open-chat';
import { useAppStore } from '../../store/store-context';
import { ContextMenu, type MenuPlace } from '../common/ContextMenu';
import { ContactInfoDialog } from './ContactInfoDialog';
import { RemarkDialog } from './RemarkDialog';

interface ContactActionsProps {
  /** The open menu: whose, and where; null when none is open. */
  menu: { peerId: string; at: MenuPlace } | null;
  /** The menu closed; focus goes back to that contact. */
  onMenuClosed(peerId: string): void;
}

type Shown = { kind: 'remark' | 'info'; peerId: string } | null;

/**
 * A contact's right-click menu and what it leads to: open the chat, send a file
 * (picked here, then the chat opens to show it going), set a remark, see the details.
 */
export function ContactActions({ menu, onMenuClosed }: ContactActionsProps) {
  const { t } = useTranslation();
  const openChat = useOpenChat();
  const addNotice = useAppStore((state) => state.addNotice);
  const [shown, setShown] = useState<Shown>(null);
  const [fileTarget, setFileTarget] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  // Conversation ids of one-to-one chats are their peer's id.
  const files = useFileOffer(fileTarget);

  useEffect(() => {
    if (files.error) addNotice({ code: 'send-file', level: 'error', message: files.error });
  }, [files.error, addNotice]);

  const onPicked = async (event: ChangeEvent<HTMLInputElement>) => {
    const picked = pickedFromInput(event.target.files);
    event.target.value = '';
    if (picked.length === 0 || fileTarget === '') return;
    await files.offer(picked);
    openChat(fileTarget);
  };

  const closeShown = useCallback(() => {
    if (shown) onMenuClosed(shown.peerId);
    setShown(null);
  }, [shown, onMenuClosed]);

  const peerId = menu?.peerId ?? '';
  const actions = [
    { label: t('contactMenu.open'), onSelect: () => openChat(peerId) },
    {
      label: t('contactMenu.sendFile'),
      onSelect: () => {
        setFileTarget(peerId);
        fileInput.current?.click();
      },
    },
    { label: t('contactMenu.remark'), onSelect: () => setShown({ kind: 'remark', peerId }) },
    { label: t('contactMenu.info'), onSelect: () => setShown({ kind: 'info', peerId }) },
  ];

  return (
    <>
      {menu && (
        <ContextMenu
          label={t('contactMenu.label')}
          actions={actions}
          at={menu.at}
          onClose={() => onMenuClosed(menu.peerId)}
        />
      )}
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        data-testid="contact-file-input"
        onChange={(event) => void onPicked(event)}
      />
      {shown?.kind === 'remark' && <RemarkDialog peerId={shown.peerId} onClose={closeShown} />}
      {shown?.kind === 'info' && <ContactInfoDialog peerId={shown.peerId} onClose={closeShown} />}
    </>
  );
}
