/** English texts of the log's way back to the latest and its first-unread marker. */
export const chatLogEn = {
  backToLatest: 'Back to the latest',
  backToLatestCount_one: 'Back to the latest: {{count}} new message',
  backToLatestCount_other: 'Back to the latest: {{count}} new messages',
  firstUnread: 'Unread messages',
};
