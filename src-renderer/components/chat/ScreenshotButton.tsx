import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../bridge/bridge-context';
import type { FileOffer } from '../../hooks/use-file-offer';
import { ScissorsIcon } from '../common/icons';
import { IconButton } from '../common/IconButton';

/**
 * "Screenshot" (截图): the system's region capture, sent as a picture. The browser
 * cannot capture the screen, so in headless mode the button says where it works.
 */
export function ScreenshotButton({ files }: { files: FileOffer }) {
  const { t } = useTranslation();
  const { api, mode } = useBridge();
  const [capturing, setCapturing] = useState(false);
  const busy = capturing || files.preparing !== null;

  const capture = async () => {
    if (busy) return;
    if (mode !== 'electron') {
      files.explain(t('chat.screenshotNeedsDesktop'));
      return;
    }
    setCapturing(true);
    try {
      const { path } = await api.takeScreenshot();
      if (path) await files.offerPicture(path);
    } catch (failure) {
      files.fail(failure);
    } finally {
      setCapturing(false);
    }
  };

  return (
    <IconButton label={t('chat.screenshot')} aria-disabled={busy} onClick={() => void capture()}>
      <ScissorsIcon />
    </IconButton>
  );
}
