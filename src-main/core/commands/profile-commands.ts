// Our own profile as others see it: name, status and signature, the avatar, and asking the
// LAN again who is there. A visible change is announced at once.
import type { ParsedRequest, SelfDTO } from '../../../src-shared/contract';
import type { MessengerCommands } from '../messenger-api';
import { changeSelf } from '../self-profile';
import type { CommandContext } from './command-context';

type ProfileCommand = 'updateProfile' | 'setAvatar' | 'getAvatar' | 'refreshPeers';

export function profileCommands(context: CommandContext): Pick<MessengerCommands, ProfileCommand> {
  const { services } = context;
  // Kept before it is announced: the entry is made from what the facade holds.
  const keep = (self: SelfDTO): void => context.setSelf(self);
  const told = (self: SelfDTO): SelfDTO => {
    context.emit({ type: 'self', self: { ...self } });
    return { ...self };
  };
  return {
    updateProfile: (change: ParsedRequest<'updateProfile'>) => {
      const wasInvisible = context.self().status === 'invisible';
      const { self, visible } = changeSelf(context.self(), change);
      keep(self);
      const running = context.isRunning();
      if (visible && running) services.discovery.announcePresence();
      // Back from invisible: a broadcast entry, so everyone answers and sees us again.
      if (wasInvisible && self.status !== 'invisible' && running) services.discovery.announce();
      return told(self);
    },

    // Avatars: avatars/avatars.ts
    setAvatar: ({ png }: ParsedRequest<'setAvatar'>) => {
      const picture = png === undefined ? undefined : Buffer.from(png, 'base64');
      const avatar = services.avatars.setOwn(picture);
      const { avatar: _before, ...rest } = context.self();
      const self = avatar === undefined ? rest : { ...rest, avatar };
      keep(self);
      if (context.isRunning()) services.discovery.announcePresence();
      return told(self);
    },

    getAvatar: ({ hash }: ParsedRequest<'getAvatar'>) => services.avatars.picture(hash),

    refreshPeers: () => {
      if (context.isRunning()) services.discovery.announce();
      return { ok: true as const };
    },
  };
}
