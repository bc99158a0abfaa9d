import {
  createContext,
  useContext,
  useEffect,
  useId,
  useRef,
  type FormEvent,
  type ReactNode,
} from 'react';
import { closeOnEscape } from '../../hooks/close-on-escape';

interface DialogProps {
  id: string;
  title: string;
  /** A line under the title, read as the dialog's description. */
  intro?: string;
  /** 'dialog' announces it as one; without, it is a region of the window (the settings). */
  role?: 'dialog';
  /** What the last submit found wrong, shown above the buttons. */
  error: string | undefined;
  cancelLabel: string;
  submitLabel: string;
  /** A submit is under way: the submit button waits. */
  busy: boolean;
  onSubmit(event: FormEvent): void;
  onClose(): void;
  children: ReactNode;
}

/** The id of the dialog's error line, for the fields it is about. */
const ErrorIdContext = createContext<string | undefined>(undefined);

export function useDialogErrorId(): string | undefined {
  return useContext(ErrorIdContext);
}

/**
 * The frame of a form shown in the window: title, fields, an error line, Cancel and
 * submit. It takes the focus on opening; Escape closes it; a refused submit keeps
 * everything typed.
 */
export function Dialog({
  id,
  title,
  intro,
  role,
  error,
  cancelLabel,
  submitLabel,
  busy,
  onSubmit,
  onClose,
  children,
}: DialogProps) {
  const titleId = useId();
  const introId = useId();
  const errorId = useId();
  const frame = useRef<HTMLElement>(null);
  // Focus moves into the dialog when it opens (unless a field took it already), so Escape
  // and the keyboard reach it at once, as in any desktop dialog.
  useEffect(() => {
    const section = frame.current;
    if (!section || section.contains(document.activeElement)) return;
    section.querySelector<HTMLElement>('input, textarea, select, button')?.focus();
  }, []);
  return (
    <section
      ref={frame}
      id={id}
      role={role}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={intro ? introId : undefined}
      onKeyDown={closeOnEscape(onClose)}
    >
      <h2 id={titleId} className="panel-title">
        {title}
      </h2>
      {intro && (
        <p id={introId} className="field-hint dialog-intro">
          {intro}
        </p>
      )}
      <form className="dialog-form" onSubmit={onSubmit} noValidate>
        <ErrorIdContext.Provider value={errorId}>{children}</ErrorIdContext.Provider>
        {error && (
          <p id={errorId} className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {cancelLabel}
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </section>
  );
}
