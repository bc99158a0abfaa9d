/** English texts of group conversations (群聊). */
export const groupsEn = {
  section: 'Groups',
  broadcast: 'Everyone (broadcast)',
  segment: 'This network segment',
  unnamed: 'Group without a name',
  members: 'Members',
  membersTitle: 'Members of {{name}}',
  memberCount_one: '{{count}} member',
  memberCount_other: '{{count}} members',
  noMembers: 'No one has written to this group yet.',
  mute: 'Mute',
  muteFailed: 'The group could not be muted: {{message}}',
  mentionChoices: 'Mention a member',
  kindPigeon: 'Pigeon group',
  kindFeiq: 'FeiQ group',
  kindIptux: 'iptux group',
  kindBroadcast: 'Broadcast',
};
