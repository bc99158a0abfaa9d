import { useState } from 'react';
import type { Language, SelfDTO, SendKey, Theme } from '../../../src-shared/contract';

/** The profile and preferences as typed in the settings, saved together with Save. */
export interface ProfileDraft {
  nickname: string;
  group: string;
  signature: string;
  autoReply: string;
  language: Language;
  theme: Theme;
  sendKey: SendKey;
  sounds: boolean;
  notifications: boolean;
}

export function draftOf(self: SelfDTO): ProfileDraft {
  return {
    nickname: self.nickname,
    group: self.group,
    signature: self.signature ?? '',
    autoReply: self.autoReply ?? '',
    language: self.language,
    theme: self.theme,
    sendKey: self.sendKey ?? 'enter',
    sounds: self.sounds ?? true,
    notifications: self.notifications ?? true,
  };
}

export type ProfileEdit = (patch: Partial<ProfileDraft>) => void;

export function useProfileDraft(self: SelfDTO) {
  const [draft, setDraft] = useState(() => draftOf(self));
  const edit: ProfileEdit = (patch) => setDraft((was) => ({ ...was, ...patch }));
  return { draft, edit };
}

/**
 * What updateProfile gets: every field the window owns, except those unchanged that a
 * main without them should not be asked to store (away message, signature).
 */
export function profileChange(self: SelfDTO, draft: ProfileDraft) {
  const signature = draft.signature.trim();
  const autoReply = draft.autoReply.trim();
  return {
    nickname: draft.nickname.trim(),
    group: draft.group.trim(),
    language: draft.language,
    theme: draft.theme,
    sendKey: draft.sendKey,
    sounds: draft.sounds,
    notifications: draft.notifications,
    ...(autoReply !== (self.autoReply ?? '') && { autoReply }),
    ...(signature !== (self.signature ?? '') && { signature }),
  };
}
