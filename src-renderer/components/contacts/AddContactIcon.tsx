import { Icon, type IconProps } from '../common/icons';

/** A person with a plus: "add a contact". Decorative; the button carries the name. */
export function AddContactIcon({ className }: IconProps) {
  return (
    <Icon className={className}>
      <circle cx="9" cy="8" r="4" />
      <path d="M2 21a7 7 0 0 1 14 0" />
      <path d="M19 8v6M16 11h6" />
    </Icon>
  );
}
