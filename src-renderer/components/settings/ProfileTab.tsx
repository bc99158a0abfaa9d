import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_SIGNATURE_CHARS } from '../../../src-shared/contract/channel-names';
import { Field } from '../common/Field';
import { AvatarField } from './AvatarField';
import type { ProfileDraft, ProfileEdit } from './use-profile-draft';

/** The longest away message main accepts. */
const MAX_AUTO_REPLY_CHARS = 500;

interface ProfileTabProps {
  draft: ProfileDraft;
  edit: ProfileEdit;
  nicknameInvalid: boolean;
  nicknameRef: Ref<HTMLInputElement>;
}

/** Who others see: avatar, nickname, group, signature, and what they are told while I am away. */
export function ProfileTab({ draft, edit, nicknameInvalid, nicknameRef }: ProfileTabProps) {
  const { t } = useTranslation();
  return (
    <>
      <AvatarField />
      <Field label={t('settings.nickname')} invalid={nicknameInvalid}>
        {(control) => (
          <input
            {...control}
            ref={nicknameRef}
            className="input"
            value={draft.nickname}
            maxLength={64}
            onChange={(event) => edit({ nickname: event.target.value })}
          />
        )}
      </Field>
      <Field label={t('settings.group')}>
        {(control) => (
          <input
            {...control}
            className="input"
            value={draft.group}
            maxLength={64}
            onChange={(event) => edit({ group: event.target.value })}
          />
        )}
      </Field>
      <Field label={t('prefs.signature')} hint={t('prefs.signatureHint')}>
        {(control) => (
          <input
            {...control}
            className="input"
            value={draft.signature}
            maxLength={MAX_SIGNATURE_CHARS}
            onChange={(event) => edit({ signature: event.target.value })}
          />
        )}
      </Field>
      <Field label={t('settings.autoReply')} hint={t('settings.autoReplyHint')}>
        {(control) => (
          <textarea
            {...control}
            className="input input-prose"
            value={draft.autoReply}
            rows={2}
            maxLength={MAX_AUTO_REPLY_CHARS}
            onChange={(event) => edit({ autoReply: event.target.value })}
          />
        )}
      </Field>
    </>
  );
}
