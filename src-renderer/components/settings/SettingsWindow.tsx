import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../store/store-context';
import { SettingsDialog } from './SettingsDialog';

/** The desktop app's settings window: the settings filling it; Save, Cancel or Esc (the dialog's) close it. */
export function SettingsWindow() {
  const { t } = useTranslation();
  const self = useAppStore((state) => state.self);

  useEffect(() => {
    document.title = `${t('settings.title')} — Pigeon`;
  }, [t]);

  if (!self) return null;
  return <SettingsDialog self={self} onClose={() => window.close()} fillsWindow />;
}
