import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupDeliveryDTO, MessageDTO } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';

/**
 * Under my own message to a Pigeon group: "Delivered to 3 of 4", and on demand who has
 * it and who not yet (asked of main when opened, so it is current).
 */
export function GroupDeliveryLine({
  message,
}: {
  message: MessageDTO & { delivery: { delivered: number; of: number } };
}) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const [list, setList] = useState<GroupDeliveryDTO[] | undefined>(undefined);
  const toggle = async () => {
    if (list) return setList(undefined);
    try {
      setList(await api.groupDelivery({ messageId: message.id }));
    } catch {
      setList([]);
    }
  };
  const { delivered, of } = message.delivery;
  return (
    <div className="message-state group-delivery">
      <button
        type="button"
        className="link-button"
        aria-expanded={list !== undefined}
        onClick={() => void toggle()}
      >
        {t('groups.deliveredTo', { delivered, of })}
      </button>
      {list && (
        <ul className="group-delivery-list">
          {list.map((member) => (
            <li key={member.peerId}>
              {member.nickname}:{' '}
              {member.keyChanged
                ? t('groups.deliveryKeyChanged')
                : t(`groups.deliveryStates.${member.state}`)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
