import type { ButtonHTMLAttributes, Ref } from 'react';

type IconButtonProps = Omit<
  ButtonHTMLAttributes<HTMLButtonElement>,
  'type' | 'title' | 'aria-label'
> & {
  /** What the button does, in the user's language: its accessible name and its tooltip. */
  label: string;
  ref?: Ref<HTMLButtonElement>;
};

/** A button that shows only an icon; the one label serves screen readers and the tooltip. */
export function IconButton({ label, className, children, ...rest }: IconButtonProps) {
  return (
    <button
      {...rest}
      type="button"
      className={className ? `icon-button ${className}` : 'icon-button'}
      aria-label={label}
      title={label}
    >
      {children}
    </button>
  );
}
