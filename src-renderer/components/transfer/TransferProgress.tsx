import { useTranslation } from 'react-i18next';
import type { TransferDTO } from '../../../src-shared/contract';
import { formatBytes, formatDuration } from '../../format/size';

/**
 * Bytes moving: a real progressbar (valued when the total is known, indeterminate
 * while a folder's size is still being learnt) with bytes, speed and time left.
 */
export function TransferProgress({ transfer }: { transfer: TransferDTO }) {
  const { t, i18n } = useTranslation();
  const { bytesDone, totalBytes, bytesPerSecond, secondsLeft } = transfer;
  const known = totalBytes > 0 && bytesDone <= totalBytes;
  const bytes = (n: number) => formatBytes(n, i18n.language);
  const parts: string[] = [
    known
      ? t('transfer.progressKnown', { done: bytes(bytesDone), total: bytes(totalBytes) })
      : t('transfer.progressUnknown', { done: bytes(bytesDone) }),
  ];
  if (bytesPerSecond > 0) parts.push(t('transfer.speed', { speed: bytes(bytesPerSecond) }));
  if (secondsLeft !== undefined && Number.isFinite(secondsLeft) && bytesPerSecond > 0) {
    const time = formatDuration(secondsLeft, {
      seconds: (s) => t('transfer.seconds', { s }),
      minutes: (m, s) => t('transfer.minutes', { m, s }),
      hours: (h, m) => t('transfer.hours', { h, m }),
    });
    parts.push(t('transfer.timeLeft', { time }));
  }
  const text = parts.join(' · ');
  return (
    <ProgressLine
      label={t('transfer.progress')}
      done={bytesDone}
      total={known ? totalBytes : 0}
      text={text}
    />
  );
}

/** A progressbar and its words; `total` 0 means not known (indeterminate). */
export function ProgressLine({
  label,
  done,
  total,
  text,
}: {
  label: string;
  done: number;
  total: number;
  text: string;
}) {
  const known = total > 0;
  const percent = known ? Math.min(100, (done / total) * 100) : 0;
  return (
    <div className="transfer-progress">
      <div
        className={known ? 'progress-track' : 'progress-track progress-indeterminate'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={known ? 0 : undefined}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? Math.min(done, total) : undefined}
        aria-valuetext={text}
      >
        <div className="progress-fill" style={known ? { width: `${percent}%` } : undefined} />
      </div>
      <p className="transfer-progress-text">{text}</p>
    </div>
  );
}
