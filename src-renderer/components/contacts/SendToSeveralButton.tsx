import { useTranslation } from 'react-i18next';
import { SendSeveralIcon } from '../common/icons';
import { SendToSeveralDialog } from './SendToSeveralDialog';
import { ToolbarDialogButton } from './ToolbarDialogButton';

/** The toolbar's "Send to several" (群发), with its dialog over the list. */
export function SendToSeveralButton() {
  const { t } = useTranslation();
  return (
    <ToolbarDialogButton
      label={t('several.open')}
      icon={<SendSeveralIcon />}
      dialog={SendToSeveralDialog}
    />
  );
}
