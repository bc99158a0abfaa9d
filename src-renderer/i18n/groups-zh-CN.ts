import type { Messages } from './en';

/** 群聊的中文文字。 */
export const groupsZhCN: Messages['groups'] = {
  section: '群聊',
  broadcast: '所有人（广播）',
  segment: '本网段',
  unnamed: '未命名群聊',
  members: '成员',
  membersTitle: '{{name}} 的成员',
  memberCount_one: '{{count}} 位成员',
  memberCount_other: '{{count}} 位成员',
  noMembers: '还没有人在这个群里发言。',
  mute: '免打扰',
  muteFailed: '无法设置免打扰：{{message}}',
  mentionChoices: '提及成员',
  kindPigeon: 'Pigeon 群',
  kindFeiq: '飞秋群',
  kindIptux: 'iptux 群',
  kindBroadcast: '广播',
};
