import type { chatLogEn } from './chat-log-en';

/** 会话记录里“回到最新”“以下为新消息”、无法解密的消息和加密状态的中文文本。 */
export const chatLogZhCN: typeof chatLogEn = {
  backToLatest: '回到最新',
  backToLatestCount_one: '回到最新：{{count}} 条新消息',
  backToLatestCount_other: '回到最新：{{count}} 条新消息',
  firstUnread: '以下为新消息',
  folderTitle: '打开这个共享文件夹',
  folderCopied: '已复制 {{path}}：请粘贴到文件管理器的地址栏。',
  folderFailed: '无法打开文件夹：{{message}}',
  undecryptable: '{{name}} 发来一条 Pigeon 无法打开的加密消息',
  ipmsgEncrypted: 'IPMsg 加密',
  notEncrypted: '未加密',
};
