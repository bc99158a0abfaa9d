import { useTranslation } from 'react-i18next';
import { noticeText } from '../../bridge/known-problems';
import { useAppStore } from '../../store/store-context';
import { CloseIcon } from './icons';
import { IconButton } from './IconButton';

/** Problems the user should see (port in use, …), each dismissible. */
export function NoticeBanners() {
  const { t } = useTranslation();
  const notices = useAppStore((state) => state.notices);
  const dismiss = useAppStore((state) => state.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices">
      {notices.map((notice) => (
        <div
          key={notice.code}
          className={`banner banner-${notice.level}`}
          role={notice.level === 'info' ? 'status' : 'alert'}
        >
          <p className="banner-text">{noticeText(t, notice)}</p>
          <IconButton
            label={t('notices.dismiss')}
            className="banner-dismiss"
            onClick={() => dismiss(notice.code)}
          >
            <CloseIcon />
          </IconButton>
        </div>
      ))}
    </div>
  );
}
