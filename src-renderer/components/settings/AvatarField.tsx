import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { AvatarPictureError, squareAvatarPng } from '../../format/square-avatar';
import { useAppStore } from '../../store/store-context';
import { Avatar } from '../common/Avatar';

/**
 * The user's avatar (头像): a picture file chosen here is made square and small in the
 * window and kept by main at once (not with the Save of the other fields); Remove brings
 * back the letters. Other Pigeons fetch it; other clients keep seeing the letters.
 */
export function AvatarField() {
  const { t } = useTranslation();
  const { api } = useBridge();
  const self = useAppStore((state) => state.self);
  const setSelf = useAppStore((state) => state.setSelf);
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  if (!self) return null;

  const save = async (png: string | undefined) => {
    setBusy(true);
    setProblem('');
    try {
      setSelf(await api.setAvatar(png === undefined ? {} : { png }));
    } catch (error) {
      setProblem(
        error instanceof AvatarPictureError
          ? t(`avatar.${error.problem === 'too-large' ? 'tooLarge' : 'notPicture'}`)
          : t('avatar.failed', { message: describeError(error) }),
      );
    } finally {
      setBusy(false);
    }
  };

  const chosen = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // The same file chosen again must fire a change too.
    event.target.value = '';
    if (!file) return;
    void squareAvatarPng(file).then(
      (png) => save(png),
      (error: unknown) => {
        setProblem(
          error instanceof AvatarPictureError && error.problem === 'too-large'
            ? t('avatar.tooLarge')
            : t('avatar.notPicture'),
        );
      },
    );
  };

  return (
    <div className="field avatar-field" role="group" aria-label={t('avatar.label')}>
      <span className="field-label" aria-hidden="true">
        {t('avatar.label')}
      </span>
      <div className="avatar-field-row">
        <Avatar id={`${self.user}@${self.host}`} name={self.nickname} />
        <input
          ref={input}
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={chosen}
        />
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => input.current?.click()}
        >
          {t('avatar.choose')}
        </button>
        {self.avatar && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void save(undefined)}
          >
            {t('avatar.remove')}
          </button>
        )}
      </div>
      <span className={problem ? 'field-hint field-hint-warning' : 'field-hint'} role="status">
        {problem || t('avatar.hint')}
      </span>
    </div>
  );
}
