import type { TFunction } from 'i18next';
import { readGroupNotice } from '../../src-shared/contract/group-notice';

/** A Pigeon group's notice ("小王 added 李四") or a peer's shake in the window's language; '' if unreadable. */
export function groupNoticeLine(t: TFunction, text: string): string {
  const notice = readGroupNotice(text);
  if (!notice) return '';
  const values = { by: notice.byName, member: notice.memberName ?? '', name: notice.name ?? '' };
  switch (notice.kind) {
    case 'created':
      return t('groups.noticeCreated', values);
    case 'added':
      return t('groups.noticeAdded', values);
    case 'removed':
      return t('groups.noticeRemoved', values);
    case 'left':
      return t('groups.noticeLeft', values);
    case 'renamed':
      return t('groups.noticeRenamed', values);
    case 'shook':
      return t('shake.line', values);
  }
}
