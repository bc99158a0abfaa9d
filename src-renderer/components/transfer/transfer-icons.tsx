/** Icons of the file features: decorative, the buttons and texts carry the names. */
import { Icon, type IconProps } from '../common/icons';

export function PaperclipIcon({ className }: IconProps) {
  return (
    <Icon className={className}>
      <path d="m21 11-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6L15 6.6" />
    </Icon>
  );
}

export function FolderIcon({ className }: IconProps) {
  return (
    <Icon className={className}>
      <path d="M3 6.5A1.5 1.5 0 0 1 4.5 5H9l2 2.5h8.5A1.5 1.5 0 0 1 21 9v9.5a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18.5z" />
    </Icon>
  );
}

export function FileIcon({ className }: IconProps) {
  return (
    <Icon className={className}>
      <path d="M14 3H6.5A1.5 1.5 0 0 0 5 4.5v15A1.5 1.5 0 0 0 6.5 21h11a1.5 1.5 0 0 0 1.5-1.5V8z" />
      <path d="M14 3v5h5" />
    </Icon>
  );
}
