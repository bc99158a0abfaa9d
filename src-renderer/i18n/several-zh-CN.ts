import type { severalEn } from './several-en';

/** 群发的中文文字。 */
export const severalZhCN: typeof severalEn = {
  open: '群发',
  title: '群发',
  intro: '每位联系人都会在各自的聊天中收到这条消息；离线的联系人上线后收到。',
  contacts: '联系人',
  wholeGroup: '整个分组 {{name}}',
  noGroup: '未分组',
  plainGroup: '程序',
  nobody: '还没有联系人。',
  message: '消息',
  send: '发送',
  cancel: '取消',
  pickSomeone: '请至少勾选一位联系人。',
  writeSomething: '请先写下消息。',
  failed: '消息未能发送：{{message}}',
  resultsTitle: '已发给 {{count}} 位联系人',
  results: '每位联系人的送达情况',
  close: '关闭',
  stateSending: '正在发送…',
  stateDelivered: '已送达',
  stateQueued: '等待中：对方离线，上线后发送',
  stateFailed: '未送达：{{reason}}',
  stateRefused: '未发送：{{reason}}',
  unsupported: '{{name}} 发来了 Pigeon 暂时无法显示的内容：{{what}}',
  unsupportedKinds: {
    picture: '图片',
    groupAnnouncement: '群公告',
    photo: '照片',
    sharedFiles: '共享文件请求',
  },
};
