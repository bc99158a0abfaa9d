import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

export interface HeadlessConfig {
  nickname: string;
  group?: string;
  port?: number;
  dataDir?: string;
  downloadDir?: string;
  uiPort: number;
  language?: 'zh-CN' | 'en';
  bindAddress?: string;
  hosts: string[];
  broadcastAddresses: string[];
  broadcast: boolean;
  user?: string;
  hostName?: string;
  rendererDir?: string;
  /** Vite's dev server to take the renderer from (PIGEON_RENDERER_URL), not rendererDir. */
  rendererUrl?: URL;
  timing: {
    retryIntervalMs?: number;
    maxRetries?: number;
    reannounceMs?: number;
    ageOutMs?: number;
    answerDelayMaxMs?: number;
  };
}

export const HELP = `Usage: npm run headless -- --nick <name> [options]

Runs Pigeon without a display: the messenger on the LAN plus its user interface
served to a browser on this computer only (127.0.0.1).

  --nick <name>             your nickname (required unless saved in --data-dir)
  --group <group>           your group
  --port <port>             UDP/TCP port for the LAN (default 2425)
  --data-dir <dir>          where settings are kept (default ./.pigeon-data)
  --download-dir <dir>      where received files go
  --ui-port <port>          port of the local web UI (default: a free one)
  --lang zh-CN|en           interface language (default zh-CN)
  --bind <address>          address the LAN socket binds to (default 0.0.0.0)
  --host <addr[:port]>      a peer to announce to directly (repeatable; other subnets, loopback)
  --broadcast-address <a>   an extra directed-broadcast address (repeatable)
  --no-broadcast            do not broadcast (use only --host)
  --user <name>             login name sent on the wire (default: the OS user)
  --host-name <name>        machine name sent on the wire (default: the OS host name)
  --retry-ms, --max-retries, --reannounce-ms, --age-out-ms, --answer-delay-ms  protocol timing
  -h, --help                show this help
`;

const port = z.coerce.number().int().min(1).max(65535);
const uiPort = z.coerce.number().int().min(0).max(65535);
const ms = z.coerce.number().int().min(1).max(86_400_000);

/** Parse the command line; throws an Error whose message is meant for the user. */
export function parseHeadlessArgs(argv: string[]): HeadlessConfig | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      nick: { type: 'string' },
      group: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'ui-port': { type: 'string' },
      'download-dir': { type: 'string' },
      lang: { type: 'string' },
      bind: { type: 'string' },
      host: { type: 'string', multiple: true },
      'broadcast-address': { type: 'string', multiple: true },
      'no-broadcast': { type: 'boolean' },
      user: { type: 'string' },
      'host-name': { type: 'string' },
      'renderer-dir': { type: 'string' },
      'retry-ms': { type: 'string' },
      'max-retries': { type: 'string' },
      'reannounce-ms': { type: 'string' },
      'age-out-ms': { type: 'string' },
      'answer-delay-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const check = <T>(
    schema: z.ZodType<T>,
    value: string | undefined,
    flag: string,
  ): T | undefined => {
    if (value === undefined) return undefined;
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new Error(`Invalid value for ${flag}: ${value}`);
    return parsed.data;
  };
  if (values.lang !== undefined && values.lang !== 'zh-CN' && values.lang !== 'en') {
    throw new Error(`Invalid value for --lang: ${values.lang} (use zh-CN or en)`);
  }
  const nickname = values.nick?.trim() ?? '';
  if (values.nick !== undefined && (nickname.length === 0 || nickname.length > 64)) {
    throw new Error('The nickname must be 1 to 64 characters.');
  }
  return {
    nickname,
    group: values.group,
    port: check(port, values.port, '--port'),
    dataDir: values['data-dir'],
    downloadDir: values['download-dir'] && path.resolve(values['download-dir']),
    uiPort: check(uiPort, values['ui-port'], '--ui-port') ?? 0,
    language: values.lang as HeadlessConfig['language'],
    bindAddress: values.bind,
    hosts: values.host ?? [],
    broadcastAddresses: values['broadcast-address'] ?? [],
    broadcast: !values['no-broadcast'],
    user: values.user,
    hostName: values['host-name'],
    rendererDir: values['renderer-dir'],
    timing: {
      retryIntervalMs: check(ms, values['retry-ms'], '--retry-ms'),
      maxRetries: check(
        z.coerce.number().int().min(0).max(20),
        values['max-retries'],
        '--max-retries',
      ),
      reannounceMs: check(ms, values['reannounce-ms'], '--reannounce-ms'),
      ageOutMs: check(ms, values['age-out-ms'], '--age-out-ms'),
      answerDelayMaxMs: check(
        z.coerce.number().int().min(0).max(60_000),
        values['answer-delay-ms'],
        '--answer-delay-ms',
      ),
    },
  };
}
