import { useTranslation } from 'react-i18next';
import { NewGroupIcon } from '../common/icons';
import { ToolbarDialogButton } from './ToolbarDialogButton';
import { NewGroupDialog } from './NewGroupDialog';

/** The toolbar's "New group" (新建群聊), with its dialog over the list. */
export function NewGroupButton() {
  const { t } = useTranslation();
  return (
    <ToolbarDialogButton
      label={t('groups.newGroup')}
      icon={<NewGroupIcon />}
      dialog={NewGroupDialog}
    />
  );
}
