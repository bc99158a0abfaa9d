// iptux's icon with the real iptux (Debian 0.8.3): iptux sends IPTUX_SENDICON (0xfe) only
// to a pal whose entry marks it iptux-compatible, and only when its my_icon names a file
// in ~/.config/iptux/icon (its stock icons are never sent). Pigeon's entries to iptux
// carry the compatible fields (ASCII names), so with a custom icon in iptux's HOME the
// picture must become the contact's avatar, byte for byte.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeerDTO } from '../../src-shared/contract';
import type { IptuxPeer } from '../lab/iptux';
import { startPigeonAndIptux, type PigeonAndIptux } from '../lab/pigeon-and-iptux';
import { iptuxCommandOf, parseIptuxPacketLog } from '../lab/iptux-packets';
import type { PigeonOnHost } from '../lab/pigeon-on-host';
import { makePng } from '../lab/png';
import { waitUntil } from '../lab/proc';

const IPTUX_SENDICON = 0xfe;
const ICON_FILE = 'pigeon-test-icon.png';
// Small enough for iptux's one 8 KiB datagram; a pattern, so a wrong byte shows.
const ICON = makePng(40, 40, (x, y) => [x * 6, y * 6, (x ^ y) * 8]);
const PIGEON_ADDRESS = '10.88.0.10';

let lab: PigeonAndIptux;
let iptux: IptuxPeer;
let pigeon: PigeonOnHost;

beforeAll(async () => {
  lab = await startPigeonAndIptux('10.88.0', {
    config: { my_icon: ICON_FILE },
    // iptux reads the icon from $XDG_CONFIG_HOME/iptux/icon/<my_icon> when it greets a pal.
    beforeStart: async (home) => {
      const iconDir = join(home, '.config', 'iptux', 'icon');
      await mkdir(iconDir, { recursive: true });
      await writeFile(join(iconDir, ICON_FILE), ICON);
    },
  });
  ({ iptux, pigeon } = lab);
});

afterAll(async () => {
  await lab?.stop();
});

const iptuxPeer = (): Promise<PeerDTO | undefined> => lab.iptuxPeer();

describe("iptux's icon (0xfe)", () => {
  it('shows the custom icon iptux sends as the contact’s avatar', async () => {
    const peer = await waitUntil(
      "Pigeon to show iptux's icon",
      async () => {
        const found = await iptuxPeer();
        return found?.avatar ? found : undefined;
      },
      15_000,
    );
    // iptux did send it, from its own icon file (not a picture Pigeon made up).
    const sent = parseIptuxPacketLog(iptux.output()).find(
      (p) =>
        p.direction === 'sent' &&
        p.address === PIGEON_ADDRESS &&
        (iptuxCommandOf(p.data) ?? -1) % 256 === IPTUX_SENDICON,
    );
    expect(sent).toBeDefined();
    const picture = await pigeon.call('getAvatar', { hash: peer.avatar ?? '' });
    expect(picture.mimeType).toBe('image/png');
    expect(Buffer.from(picture.base64, 'base64').equals(ICON)).toBe(true);
    const { stats } = await pigeon.call('getSnapshot');
    expect(stats.dropped.unknownCommand).toBe(0);
  });
});
