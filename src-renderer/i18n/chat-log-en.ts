/**
 * English texts of the log's way back to the latest and its first-unread marker, a
 * message that could not be decrypted, and whether the chat is encrypted.
 */
export const chatLogEn = {
  backToLatest: 'Back to the latest',
  backToLatestCount_one: 'Back to the latest: {{count}} new message',
  backToLatestCount_other: 'Back to the latest: {{count}} new messages',
  firstUnread: 'Unread messages',
  folderTitle: 'Show this shared folder',
  folderCopied: 'Copied {{path}}: paste it into the address bar of your file manager.',
  folderFailed: 'Could not show the folder: {{message}}',
  undecryptable: '{{name}} sent an encrypted message Pigeon could not open',
  ipmsgEncrypted: 'IP Messenger encryption',
  notEncrypted: 'Not encrypted',
};
