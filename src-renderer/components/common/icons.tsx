/** Every inline icon of Pigeon: decorative, the buttons and texts carry the names. */
import type { ReactNode } from 'react';

export interface IconProps {
  className?: string;
}

/** The frame every icon shares: a 24-unit stroked drawing, hidden from screen readers. */
function Icon({
  className,
  size = 18,
  children,
}: IconProps & { size?: number; children: ReactNode }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
      focusable={false}
      className={className}
    >
      {children}
    </svg>
  );
}

/** An icon component from its drawing: every icon takes a class name and nothing else. */
function icon(drawing: ReactNode, size = 18) {
  return function DrawnIcon({ className }: IconProps) {
    return (
      <Icon className={className} size={size}>
        {drawing}
      </Icon>
    );
  };
}

export const GearIcon = icon(
  <>
    <circle cx="12" cy="12" r="3" />
    <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
  </>,
);

export const RefreshIcon = icon(
  <>
    <path d="M21 12a9 9 0 1 1-2.6-6.4" />
    <path d="M21 3v6h-6" />
  </>,
);

export const CloseIcon = icon(<path d="M18 6 6 18M6 6l12 12" />);

export const ArrowDownIcon = icon(<path d="M12 5v14M5 12l7 7 7-7" />);

export const SearchIcon = icon(
  <>
    <circle cx="11" cy="11" r="7" />
    <path d="m20 20-3.5-3.5" />
  </>,
);

export const ClockIcon = icon(
  <>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7v5l3 2" />
  </>,
);

export const HistoryIcon = icon(
  <>
    <path d="M3 12a9 9 0 1 0 2.6-6.4L3 8" />
    <path d="M3 3v5h5" />
    <path d="M12 8v4l3 2" />
  </>,
);

export const DownloadIcon = icon(
  <>
    <path d="M12 4v11M7 10l5 5 5-5" />
    <path d="M5 20h14" />
  </>,
);

/** A padlock (sealed messages): the words beside it carry the meaning. */
export const LockIcon = icon(
  <>
    <rect x="5" y="11" width="14" height="10" rx="2" />
    <path d="M8 11V7a4 4 0 0 1 8 0v4" />
  </>,
  14,
);

/** A person with a plus: "add a contact". Decorative; the button carries the name. */
export const AddContactIcon = icon(
  <>
    <circle cx="9" cy="8" r="4" />
    <path d="M2 21a7 7 0 0 1 14 0" />
    <path d="M19 8v6M16 11h6" />
  </>,
);

export const PaperclipIcon = icon(
  <path d="m21 11-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6L15 6.6" />,
);

export const FolderIcon = icon(
  <path d="M3 6.5A1.5 1.5 0 0 1 4.5 5H9l2 2.5h8.5A1.5 1.5 0 0 1 21 9v9.5a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18.5z" />,
);

export const FileIcon = icon(
  <>
    <path d="M14 3H6.5A1.5 1.5 0 0 0 5 4.5v15A1.5 1.5 0 0 0 6.5 21h11a1.5 1.5 0 0 0 1.5-1.5V8z" />
    <path d="M14 3v5h5" />
  </>,
);

/** A tick: delivered, said quietly. */
export const TickIcon = icon(<path d="M5 12.5l4.5 4.5L19 7.5" />);

/** A smiling face: the emoji picker. */
export const SmileIcon = icon(
  <>
    <circle cx="12" cy="12" r="9" />
    <path d="M8.5 14.5a4.5 4.5 0 0 0 7 0" />
    <path d="M9 9.5h.01M15 9.5h.01" />
  </>,
);

/** A person reached across networks: "add a colleague by IP or computer name". */
export const AddColleagueIcon = icon(
  <>
    <circle cx="8" cy="8" r="3.5" />
    <path d="M2 20a6 6 0 0 1 12 0" />
    <rect x="15" y="4" width="7" height="5" rx="1" />
    <path d="M18.5 9v3M16 14h5" />
  </>,
);

/** Two people with a plus: "new group" (新建群聊). Decorative; the button carries the name. */
export const NewGroupIcon = icon(
  <>
    <circle cx="8" cy="8" r="3.5" />
    <path d="M2 20a6 6 0 0 1 12 0" />
    <circle cx="15.5" cy="9" r="2.5" />
    <path d="M19 5v5M16.5 7.5h5" />
    <path d="M15 14.5a5 5 0 0 1 6 5" />
  </>,
);

/** Scissors: the screenshot (截图) tool, as in QQ and WeChat. */
export const ScissorsIcon = icon(
  <>
    <circle cx="6" cy="6" r="2.5" />
    <circle cx="6" cy="18" r="2.5" />
    <path d="M8.1 7.4 20 17M8.1 16.6 20 7M13 12h.01" />
  </>,
);

/** The window shake: a window between two pairs of motion lines. */
export const ShakeIcon = icon(
  <>
    <rect x="7" y="5" width="10" height="14" rx="1.5" />
    <path d="M3 9v6M21 9v6M5 7v10M19 7v10" />
  </>,
);

/** 群发: one paper plane fanning out to several. */
export const SendSeveralIcon = icon(
  <>
    <path d="M3 11 21 3l-8 18-2-8z" />
    <path d="M11 13 21 3" />
  </>,
);
