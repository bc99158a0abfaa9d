import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupDeliveryDTO, MessageDTO } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';

/**
 * Under my own message to a Pigeon group: "Delivered to 3 of 4", and on demand who has
 * it and who not yet (asked of main when opened, so it is current, and again while open
 * whenever the count changes: a list left open must not say a copy waits once it is there).
 */
export function GroupDeliveryLine({
  message,
}: {
  message: MessageDTO & { delivery: { delivered: number; of: number } };
}) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<GroupDeliveryDTO[] | undefined>(undefined);
  const { delivered, of } = message.delivery;
  useEffect(() => {
    if (!open) return;
    let live = true;
    api.groupDelivery({ messageId: message.id }).then(
      (found) => {
        if (live) setList(found);
      },
      // Asked again and failed: what was last known stays.
      () => {
        if (live) setList((known) => known ?? []);
      },
    );
    return () => {
      live = false;
    };
  }, [api, message.id, open, delivered, of]);
  const toggle = () => {
    if (open) setList(undefined);
    setOpen(!open);
  };
  return (
    <div className="message-state group-delivery">
      <button type="button" className="link-button" aria-expanded={open} onClick={toggle}>
        {t('groups.deliveredTo', { delivered, of })}
      </button>
      {open && list && (
        <ul className="group-delivery-list">
          {list.map((member) => (
            <li key={member.peerId}>
              {t('groups.deliveryLine', {
                name: member.nickname,
                state: member.keyChanged
                  ? t('groups.deliveryKeyChanged')
                  : t(`groups.deliveryStates.${member.state}`),
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
