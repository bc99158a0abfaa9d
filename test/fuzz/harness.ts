// The fuzz targets, each with its seeds (the corpus, with the option byte every target
// reads first), its words, its largest input and its per-input bound.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNEL_NAMES } from '../../src-shared/contract/channel-names';
import { decodePacket, Mode } from '../../src-main/core/ipmsg';
import { loadInstrumented } from './engine/instrument';
import { fuzz, type FuzzReport } from './engine/fuzz-loop';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface TargetSpec {
  name: string;
  file: string;
  seeds: () => Buffer[];
  words: string[];
  maxLength: number;
  perInputMs: number;
}

function corpus(folder: string): Buffer[] {
  const dir = join(HERE, 'corpus', folder);
  return readdirSync(dir)
    .sort()
    .map((name) => readFileSync(join(dir, name)));
}

/** Each seed behind a few option bytes, so every mode starts from real input. */
const withFlags = (seeds: Buffer[], flags: number[]): Buffer[] =>
  seeds.flatMap((seed) => flags.map((flag) => Buffer.concat([Buffer.from([flag]), seed])));

const ENTRY_MODES = new Set<number>([Mode.BR_ENTRY, Mode.ANSENTRY, Mode.BR_ABSENCE, Mode.BR_EXIT]);

/** The extras of the entry packets in the corpus. */
function entryExtras(): Buffer[] {
  return corpus('packets').flatMap((data) => {
    const result = decodePacket(data);
    return result.ok && ENTRY_MODES.has(result.packet.mode) ? [result.packet.extra] : [];
  });
}

/** Gateway seeds are named by what they are: ws-, upload-, headers- (port 1030). */
function gatewaySeeds(): Buffer[] {
  const dir = join(HERE, 'corpus', 'gateway');
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const kind = name.startsWith('ws-') ? 0 : name.startsWith('upload-') ? 1 : 2 | (6 << 2);
      return Buffer.concat([Buffer.from([kind]), readFileSync(join(dir, name))]);
    });
}

export const TARGETS: TargetSpec[] = [
  {
    name: 'packet',
    file: join(HERE, 'targets', 'packet.ts'),
    seeds: () => withFlags(corpus('packets'), [0, 1, 2]),
    words: [':', '\0', '1_iptux 0.8.3', '1_lbt6_0#128#', '1_pigeon ', '{/font;', '}'],
    maxLength: 8192,
    perInputMs: 50,
  },
  {
    name: 'attachments',
    file: join(HERE, 'targets', 'attachments.ts'),
    seeds: () => withFlags(corpus('attachments'), [0, 1, 4]),
    words: [':', '::', '\x07', '\x07:', '=', '50470001=', '50470002=1', '50470003=', '8='],
    maxLength: 8192,
    perInputMs: 50,
  },
  {
    name: 'folder-stream',
    file: join(HERE, 'targets', 'dir-stream.ts'),
    seeds: () => withFlags(corpus('folder-streams'), [0xff, 1, 14]),
    words: ['0000:', '.:0:3:', ':2:', ':1:', ':3:', '14=', '16=', 'ffff:'],
    maxLength: 70_000,
    perInputMs: 200,
  },
  {
    name: 'entry',
    file: join(HERE, 'targets', 'entry.ts'),
    seeds: () => withFlags(entryExtras(), [0, 0x06, 0x0f, 0x1d]),
    words: ['\0', '\nUN:', '\nHN:', '\nNN:', '\nGN:', '\nVS:', '[', ']', '\r'],
    maxLength: 8192,
    perInputMs: 50,
  },
  {
    name: 'gateway',
    file: join(HERE, 'targets', 'gateway.ts'),
    seeds: gatewaySeeds,
    words: [...CHANNEL_NAMES.map((c) => `"${c}"`), '..', '%2F', '%2E', '&relative=', '&folder=1'],
    maxLength: 8192,
    perInputMs: 50,
  },
];

export async function runTarget(
  spec: TargetSpec,
  limits: { seconds: number; runs?: number; seed?: number },
): Promise<FuzzReport> {
  const { module, feedback } = await loadInstrumented(spec.file);
  return fuzz({
    target: module,
    feedback,
    seeds: spec.seeds(),
    words: spec.words.map((w) => Buffer.from(w, 'utf8')),
    seconds: limits.seconds,
    ...(limits.runs === undefined ? {} : { runs: limits.runs }),
    maxLength: spec.maxLength,
    perInputMs: spec.perInputMs,
    seed: limits.seed ?? 1,
  });
}
