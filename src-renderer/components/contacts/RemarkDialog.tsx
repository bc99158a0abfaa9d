import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { displayName } from '../../format/display-name';
import { useAppStore } from '../../store/store-context';
import { Dialog } from '../common/Dialog';
import { Field } from '../common/Field';

interface RemarkDialogProps {
  peerId: string;
  onClose(): void;
}

/** The name the user calls a contact (备注); emptied, the contact's own name comes back. */
export function RemarkDialog({ peerId, onClose }: RemarkDialogProps) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const peer = useAppStore((state) => state.peers.get(peerId));
  const saved = useAppStore((state) => state.remarks.get(peerId) ?? '');
  const applyEvents = useAppStore((state) => state.applyEvents);
  const [remark, setRemark] = useState(saved);
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const id = useId();
  const nickname = peer ? displayName(peer) : peerId;

  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const answer = await api.setRemark({ peerId, remark });
      // The remark event follows; showing it now keeps the list in step with the click.
      applyEvents([{ type: 'remark', ...answer }]);
      onClose();
    } catch (failure) {
      setError(t('remark.failed', { message: describeError(failure) }));
      setSaving(false);
    }
  };

  return (
    <div className="dialog-layer">
      <Dialog
        id={id}
        role="dialog"
        title={t('remark.title', { name: nickname })}
        intro={t('remark.intro')}
        error={error}
        cancelLabel={t('remark.cancel')}
        submitLabel={t('remark.save')}
        busy={saving}
        onSubmit={(event) => void submit(event)}
        onClose={onClose}
      >
        <Field label={t('remark.field')}>
          {(control) => (
            <input
              {...control}
              ref={field}
              className="input"
              value={remark}
              maxLength={64}
              placeholder={nickname}
              autoComplete="off"
              onChange={(event) => setRemark(event.target.value)}
            />
          )}
        </Field>
      </Dialog>
    </div>
  );
}
