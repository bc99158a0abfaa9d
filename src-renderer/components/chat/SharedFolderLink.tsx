import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { useAppStore } from '../../store/store-context';

/**
 * A Windows shared folder (\\server\share) in a message. The desktop app shows it in the
 * file manager through main; a browser cannot open it, so the path is copied for the
 * file manager's address bar instead.
 */
export function SharedFolderLink({ path }: { path: string }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const addNotice = useAppStore((state) => state.addNotice);

  const copy = async () => {
    await navigator.clipboard.writeText(path);
    addNotice({
      code: 'shared-folder',
      level: 'info',
      message: t('chatLog.folderCopied', { path }),
    });
  };

  const onClick = (event: MouseEvent) => {
    event.preventDefault();
    const shown =
      bridge.mode === 'electron'
        ? bridge.api.showSharedFolder({ path }).then((answer) => answer.shown)
        : Promise.resolve(false);
    shown
      .then((done) => (done ? undefined : copy()))
      .catch((error: unknown) =>
        addNotice({
          code: 'shared-folder',
          level: 'error',
          message: t('chatLog.folderFailed', { message: describeError(error) }),
        }),
      );
  };

  return (
    <a
      href={`file:${path.replaceAll('\\', '/')}`}
      className="shared-folder-link"
      title={t('chatLog.folderTitle')}
      onClick={onClick}
    >
      {path}
    </a>
  );
}
