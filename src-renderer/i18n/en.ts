/** English texts. The zh-CN file must have exactly the same keys (the type checks it). */
export const en = {
  app: {
    name: 'Pigeon',
    loading: 'Loading…',
    loadFailed: 'Pigeon could not load: {{message}}',
    retry: 'Try again',
    noBridge: 'Open this page from Pigeon.',
    chatTitle: '{{name}} — Pigeon',
  },
  status: {
    label: 'Status',
    online: 'Online',
    away: 'Away',
    offline: 'Offline',
  },
  client: {
    pigeon: 'Pigeon',
    ipmsg: 'IPMsg',
    feiq: 'FeiQ',
    iptux: 'iptux',
    unknown: 'Other client',
  },
  self: {
    you: 'You',
    noGroup: 'No group',
  },
  contacts: {
    list: 'Contacts',
    filter: 'Filter contacts',
    filterPlaceholder: 'Search by name, group or address',
    refresh: 'Refresh',
    refreshing: 'Asking everyone to answer…',
    noGroup: 'No group',
    groupCount: '{{online}} of {{total}} online',
    unread_one: '{{count}} unread message',
    unread_other: '{{count}} unread messages',
    openHint: 'Press Enter or double-click to chat',
    searching: 'Looking for people on your network…',
    firewallHint:
      'Nobody yet? Pigeon finds people by UDP broadcast on port 2425: make sure your firewall allows UDP and TCP port 2425 and that you are on the same network.',
    noMatch: 'Nobody matches “{{filter}}”.',
    openFailed: 'Could not open the chat: {{message}}',
    refreshFailed: 'Could not refresh: {{message}}',
  },
  settings: {
    open: 'Settings',
    title: 'Settings',
    nickname: 'Nickname',
    group: 'Group',
    language: 'Language',
    theme: 'Theme',
    themeSystem: 'Same as system',
    themeLight: 'Light',
    themeDark: 'Dark',
    save: 'Save',
    saved: 'Saved.',
    close: 'Close',
    saveFailed: 'Could not save: {{message}}',
    nicknameRequired: 'Please enter a nickname.',
  },
  languages: {
    'zh-CN': '简体中文',
    en: 'English',
  },
  stats: {
    label: 'Network',
    summary: 'In {{in}} · Out {{out}} · Dropped {{dropped}}',
    details:
      'Datagrams received {{in}}, sent {{out}}. Dropped: {{malformed}} malformed, {{oversized}} too large, {{rateLimited}} over the rate limit, {{unknownCommand}} unknown.',
  },
  chat: {
    conversation: 'Conversation',
    message: 'Message',
    messagePlaceholder: 'Type a message',
    send: 'Send',
    sending: 'Sending',
    delivered: 'Delivered',
    failed: 'Failed',
    resend: 'Resend',
    resendFailed: 'Could not resend: {{message}}',
    tooLong:
      'This message is too long ({{count}} characters; at most {{max}}). Send it in parts or as a file.',
    sendFailed: 'Could not send: {{message}}',
    newMessages: 'New messages',
    loadEarlier: 'Show earlier messages',
    loadingEarlier: 'Loading…',
    empty: 'No messages yet. Say hello!',
    composerHint: 'Enter to send · Shift+Enter for a new line',
    peerOffline: '{{name}} seems to be offline: messages may not arrive.',
    unknownPeer: 'Unknown contact',
    youSaid: 'You said',
    peerSaid: '{{name}} said',
    incoming: 'New message from {{name}}: {{text}}',
  },
  time: {
    yesterday: 'Yesterday {{time}}',
  },
  notices: {
    dismiss: 'Dismiss',
  },
  connection: {
    disconnected: 'Disconnected from Pigeon. Reconnecting…',
  },
} as const;

type Texts<T> = { readonly [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };
/** The shape every language provides. */
export type Messages = Texts<typeof en>;
