import { useTranslation } from 'react-i18next';
import { AddColleagueIcon } from '../common/icons';
import { AddColleagueDialog } from './AddColleagueDialog';
import { DialogButton } from './DialogButton';

/** The toolbar's "Add a colleague by IP or computer name", with its small dialog over the list. */
export function AddColleagueButton() {
  const { t } = useTranslation();
  return (
    <DialogButton
      label={t('prefs.addColleague')}
      icon={<AddColleagueIcon />}
      dialog={AddColleagueDialog}
    />
  );
}
