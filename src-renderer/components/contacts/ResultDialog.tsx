import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { closeOnEscape } from '../../hooks/close-on-escape';

/** What a 群发 dialog shows once sent: a title, what became of it, and Close. */
export function ResultDialog({
  id,
  title,
  onClose,
  children,
}: {
  id: string;
  title: string;
  onClose(): void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section
      id={id}
      role="dialog"
      className="dialog"
      aria-labelledby={`${id}-title`}
      onKeyDown={closeOnEscape(onClose)}
    >
      <h2 id={`${id}-title`} className="panel-title">
        {title}
      </h2>
      {children}
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onClose} autoFocus>
          {t('several.close')}
        </button>
      </div>
    </section>
  );
}
