import type { avatarEn } from './avatar-en';

/** 头像：设置 → 个人资料中的选择器，以及头像图片的名称。 */
export const avatarZhCN: typeof avatarEn = {
  label: '头像',
  choose: '选择图片…',
  remove: '移除',
  hint: 'PNG、JPEG、WebP 或 GIF：取中间的正方形显示给其他 Pigeon 用户；其他聊天软件显示你的首字。',
  notPicture: '这个文件不是 Pigeon 能用的图片（PNG、JPEG、WebP 或 GIF）。',
  tooLarge: '这张图片缩小后仍超过 32 KB，请换一张简单些的。',
  failed: '头像未能保存：{{message}}',
  of: '{{name}}的头像',
};
