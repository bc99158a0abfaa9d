import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context';
import { CloseIcon } from '../common/icons';
import { IconButton } from '../common/IconButton';

/**
 * One line when the peer sends faster than Pigeon accepts: the messages over the limit
 * were not acknowledged (the sender's client says they failed), and this side says so
 * too instead of only counting them in the network footer.
 */
export function RefusedLine({ peerId, name }: { peerId: string; name: string }) {
  const { t } = useTranslation();
  const at = useAppStore((state) => state.refused.get(peerId));
  const dismiss = useAppStore((state) => state.dismissRefused);
  if (at === undefined) return null;
  return (
    <div className="banner banner-warning chat-refused" role="status">
      <p className="banner-text">{t('chat.refused', { name })}</p>
      <IconButton
        label={t('chat.refusedDismiss')}
        className="banner-dismiss"
        onClick={() => dismiss(peerId)}
      >
        <CloseIcon />
      </IconButton>
    </div>
  );
}
