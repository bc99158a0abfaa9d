import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { closeOnEscape } from '../../hooks/close-on-escape';

/**
 * Where to save, typed: shown when the system has no folder dialog (headless),
 * prefilled with the download folder. Escape puts it away.
 */
export function SaveToField({
  initial,
  onSave,
  onClose,
}: {
  initial: string;
  onSave(directory: string): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [directory, setDirectory] = useState(initial);
  const [missing, setMissing] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const id = useId();
  const errorId = useId();

  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = directory.trim();
    if (!chosen) {
      setMissing(true);
      return;
    }
    onSave(chosen);
  };

  return (
    <form className="transfer-save-to" onSubmit={onSubmit} onKeyDown={closeOnEscape(onClose)}>
      <label htmlFor={id}>{t('transfer.saveIn')}</label>
      <div className="transfer-save-row">
        <input
          ref={field}
          id={id}
          className="input"
          value={directory}
          spellCheck={false}
          aria-invalid={missing}
          aria-describedby={missing ? errorId : undefined}
          onChange={(event) => {
            setDirectory(event.target.value);
            setMissing(false);
          }}
        />
        <button type="submit" className="button button-primary">
          {t('transfer.saveHere')}
        </button>
      </div>
      {missing && (
        <p id={errorId} className="form-error">
          {t('transfer.folderRequired')}
        </p>
      )}
    </form>
  );
}
