import { useId, type ReactNode } from 'react';
import { useDialogErrorId } from './Dialog';

/** What a field's control needs to be named by its label and described by its hint and error. */
export interface ControlProps {
  id: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

interface FieldProps {
  label: string;
  /** A line under the control; outside the label, so the field's name is its label alone. */
  hint?: string | undefined;
  /** The hint warns (a change that needs a restart). */
  warning?: boolean;
  /** Whether the last submit found this field wrong; left out where it cannot be. */
  invalid?: boolean;
  /** The input, select or textarea, given the props that tie it to the label, hint and error. */
  children(control: ControlProps): ReactNode;
}

/** A labelled field of a Dialog: its error is the dialog's error line. */
export function Field({ label, hint, warning = false, invalid, children }: FieldProps) {
  const id = useId();
  const hintId = useId();
  const errorId = useDialogErrorId();
  const describedBy = [...(invalid && errorId ? [errorId] : []), ...(hint ? [hintId] : [])];
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({
        id,
        ...(invalid !== undefined && { 'aria-invalid': invalid }),
        ...(describedBy.length > 0 && { 'aria-describedby': describedBy.join(' ') }),
      })}
      {hint && (
        <span id={hintId} className={warning ? 'field-hint field-hint-warning' : 'field-hint'}>
          {hint}
        </span>
      )}
    </div>
  );
}
