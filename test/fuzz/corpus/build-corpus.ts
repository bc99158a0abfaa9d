// Writes the seed corpus: datagrams as real peers send them (iptux as captured, the FeiQ
// stand-in's, IP Messenger's from the interop reference), attachment lists and folder
// streams as IP Messenger, iptux and Pigeon write them, and browser requests to the
// headless gateway. Run once after a change: `npx tsx test/fuzz/corpus/build-corpus.ts`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import * as golden from '../../unit/core/ipmsg/golden';

const HERE = dirname(fileURLToPath(import.meta.url));
const gbk = (text: string): Buffer => iconv.encode(text, 'gbk');
const { bytes } = golden;

function write(folder: string, name: string, data: Buffer | string): void {
  mkdirSync(join(HERE, folder), { recursive: true });
  writeFileSync(join(HERE, folder, name), data);
}

/** A folder-stream header with its length prefix computed here. */
function header(body: string): Buffer {
  const data = Buffer.from(`0000:${body}`, 'utf8');
  data.write(data.length.toString(16).padStart(4, '0'), 0, 'latin1');
  return data;
}

const SHA = 'a'.repeat(64);
const LISTS = {
  'ipmsg-offer.txt':
    '536870913:report.pdf:1a2b3:65f0a3b2:1:\x07536870914:photos:0:65f0a3b2:2:\x07' +
    '536870915:ipmsgclip_s0_0.png:2c4:65f0a3b2:20:8=5:\x07',
  'ipmsg-escaped-colon.txt': '1:a::b.txt:5:65f0a3b2:1:\x07',
  'iptux-offer.txt': '0:notes:2019.txt:c:65f0a3b2:1:\x071:photos:0:65f0a3b2:2:\x07',
  'bell-colon-writer.txt': '0:a.txt:1:65f0a3b2:1:\x07:1:b.txt:2:65f0a3b2:1:\x07:',
  'pigeon-offer.txt': `0:cat.png:2c4:65f0a3b2:1:50470001=${SHA}:50470002=1:\x071:album:0:65f0a3b2:2:50470003=1f400:\x07`,
};
for (const [name, list] of Object.entries(LISTS)) write('attachments', name, list);

const packets: Record<string, Buffer> = {
  'iptux-entry-broadcast.bin': golden.IPTUX_ENTRY_BROADCAST,
  'iptux-entry-dialup.bin': golden.IPTUX_ENTRY_DIALUP,
  'iptux-ansentry.bin': golden.IPTUX_ANSENTRY,
  'iptux-recvmsg.bin': golden.IPTUX_RECVMSG,
  'iptux-offer.bin': bytes('1_iptux 0.8.3:5:root:vm:2097184:\0', LISTS['iptux-offer.txt'], '\0'),
  'iptux-exit.bin': bytes('1_iptux 0.8.3:9:root:vm:2:IptuxNick\0IptuxGroup\0icon-tux.png\0utf-8\0'),
  'ipmsg-hello.bin': golden.IPMSG_HELLO,
  'ipmsg-hello-padded.bin': golden.IPMSG_HELLO_PADDED,
  'ipmsg4-entry-gbk.bin': golden.IPMSG4_ENTRY,
  'ipmsg4-entry-cp932.bin': golden.IPMSG4_ENTRY_CP932,
  'ipmsg-offer.bin': bytes(
    '1:1700000200:shirouzu:jupiter:2097440:see attached\0',
    LISTS['ipmsg-offer.txt'],
    '\0',
  ),
  'ipmsg-getfiledata.bin': bytes('1:1700000300:shirouzu:jupiter:96:6553f100:0:0:'),
  'ipmsg-getdirfiles.bin': bytes('1:1700000301:shirouzu:jupiter:98:6553f100:1:'),
  'ipmsg-away-entry.bin': bytes('1:1700000302:shirouzu:jupiter:257:Shirouzu[Lunch]\0Dev\0'),
  'feiq-sendmsg.bin': golden.FEIQ_SENDMSG,
  'feiq-entry.bin': bytes(
    `${golden.FEIQ_VERSION}:1700000400:feiq:PC-01:1:`,
    gbk('张三'),
    [0],
    gbk('研发部'),
    [0],
  ),
  'feiq-readmsg.bin': bytes(`${golden.FEIQ_VERSION}:1700000401:feiq:PC-01:48:1700000123\0`),
  'pigeon-sendmsg.bin': bytes('1_pigeon 0.1.0:1700000500:alice:pc:8389408:你好\0'),
  'pigeon-offer.bin': bytes(
    '1_pigeon 0.1.0:1700000501:alice:pc:10486560:\0',
    LISTS['pigeon-offer.txt'],
    '\0',
  ),
  'pigeon-entry.bin': bytes(
    '1_pigeon 0.1.0:1700000502:alice:pc:25165825:Alice\0Dev\0',
    '\nUN:alice\nHN:pc\nNN:Alice\nGN:Dev\nVS:00700000:0:1:0\0',
  ),
};
for (const [name, data] of Object.entries(packets)) write('packets', name, data);

write(
  'folder-streams',
  'iptux-docs.bin',
  Buffer.concat([
    header('docs:000000000:2:14=65f0a3b2:16=65f0a3b2:'),
    header('a.txt:000000005:1:14=65f0a3b3:16=65f0a3b2:'),
    Buffer.from('hello'),
    header('sub:000000000:2:14=65f0a3b2:16=65f0a3b2:'),
    header('b.bin:000000003:1:14=65f0a3b2:16=65f0a3b2:'),
    Buffer.from('xyz'),
    header('.:0:3:14=65f0a3b2:16=65f0a3b2:'),
    header('.:0:3:14=65f0a3b2:16=65f0a3b2:'),
  ]),
);
write(
  'folder-streams',
  'ipmsg-colon-names.bin',
  Buffer.concat([
    header('a::b:0:2:14=65f0a3b2:'),
    header('c::d.txt:2:1:14=65f0a3b2:'),
    Buffer.from('hi'),
    header('.:0:3:'),
  ]),
);

const gateway: Record<string, string> = {
  'ws-send-message.json':
    '{"id":1,"channel":"sendMessage","request":{"conversationId":"c1","text":"hello"}}',
  'ws-open-conversation.json':
    '{"id":2,"channel":"openConversation","request":{"peerId":"p1","messageId":"m1"}}',
  'ws-offer-files.json':
    '{"id":3,"channel":"offerFiles","request":{"conversationId":"c1","paths":["/tmp/a.txt"],"image":true}}',
  'ws-update-settings.json': '{"id":4,"channel":"updateSettings","request":{"port":2425}}',
  'upload-file.txt': 'token=t&batch=abcdef012345&name=report.pdf&offset=0',
  'upload-folder-file.txt':
    'token=t&batch=abcdef012345&relative=photos%2F2024%2Fa.jpg&offset=4194304',
  'upload-empty-folder.txt': 'token=t&batch=abcdef012345&relative=photos%2Fempty&folder=1',
  'headers-loopback.txt': '127.0.0.1:1030\nhttp://127.0.0.1:1030',
  'headers-localhost.txt': 'localhost:1030\nhttp://localhost:1030',
  'headers-rebinding.txt': 'evil.example:1030\nhttp://evil.example:1030',
};
for (const [name, text] of Object.entries(gateway)) write('gateway', name, text);
