import { useTranslation } from 'react-i18next';
import type { GroupDTO } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { useAppStore } from '../../store/store-context';

/** Mute (免打扰) a group: pressed while its messages make no sound and no notification. */
export function MuteButton({ group }: { group: GroupDTO }) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const addNotice = useAppStore((state) => state.addNotice);
  const muted = group.muted === true;
  const toggle = async () => {
    try {
      await api.muteGroup({ groupId: group.id, muted: !muted });
    } catch (error) {
      addNotice({
        code: 'mute-group',
        level: 'error',
        message: t('groups.muteFailed', { message: describeError(error) }),
      });
    }
  };
  return (
    <button type="button" className="button" aria-pressed={muted} onClick={() => void toggle()}>
      {t('groups.mute')}
    </button>
  );
}
