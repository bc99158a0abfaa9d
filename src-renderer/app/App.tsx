import { useTranslation } from 'react-i18next';
import type { Language } from '../../src-shared/contract';
import type { Route } from '../bridge/launch-params';
import { isGroupId } from '../../src-shared/contract/group-ids';
import { ChatWindow } from '../components/chat/ChatWindow';
import { GroupChatWindow } from '../components/chat/GroupChatWindow';
import { ConnectionBanner } from '../components/common/ConnectionBanner';
import { MainWindow } from '../components/contacts/MainWindow';
import { SettingsWindow } from '../components/settings/SettingsWindow';
import { useAppStore } from '../store/store-context';
import { useProfileEffects } from '../hooks/use-profile-effects';

interface AppProps {
  route: Route;
  languageOverride?: Language | undefined;
}

/** The window's content for its route, once the first snapshot is in. */
export function App({ route, languageOverride }: AppProps) {
  const { t } = useTranslation();
  const load = useAppStore((state) => state.load);
  useProfileEffects(languageOverride);

  if (load.phase !== 'ready') {
    return (
      <div className="window-state">
        <ConnectionBanner />
        {load.phase === 'loading' ? (
          <p className="window-state-text" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('app.loading')}
          </p>
        ) : (
          <div className="window-state-text" role="alert">
            <p>{t('app.loadFailed', { message: load.error })}</p>
            <button type="button" className="button" onClick={() => window.location.reload()}>
              {t('app.retry')}
            </button>
          </div>
        )}
      </div>
    );
  }
  if (route.kind === 'settings') return <SettingsWindow />;
  if (route.kind === 'chat' && isGroupId(route.conversationId))
    return <GroupChatWindow conversationId={route.conversationId} messageId={route.messageId} />;
  return route.kind === 'chat' ? (
    <ChatWindow conversationId={route.conversationId} messageId={route.messageId} />
  ) : (
    <MainWindow />
  );
}
