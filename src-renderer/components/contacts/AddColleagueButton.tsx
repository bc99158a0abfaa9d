import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AddColleagueIcon } from '../common/icons';
import { IconButton } from '../common/IconButton';
import { AddColleagueDialog } from './AddColleagueDialog';

/** The toolbar's "Add a colleague by IP or computer name", with its small dialog over the list. */
export function AddColleagueButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const dialogId = useId();

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <>
      <IconButton
        label={t('prefs.addColleague')}
        ref={button}
        aria-expanded={open}
        aria-controls={open ? dialogId : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        <AddColleagueIcon />
      </IconButton>
      {open && (
        <div className="settings-overlay">
          <AddColleagueDialog id={dialogId} onClose={close} />
        </div>
      )}
    </>
  );
}
