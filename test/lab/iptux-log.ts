// Reads iptux's communicate.log. Each entry looks like (LANG=C keeps the header English;
// "Recevied" is spelled so by iptux):
//   =====================================
//   (Sun Nov 22 05:56:37 2026) Recevied-From: Nickname:Tester User:tester Host:labhost:
//   [STRING]hello
//   -------------------------------------

export interface IptuxLogEntry {
  direction: 'received' | 'sent';
  nick: string;
  user: string;
  host: string;
  /** The message text, exactly as logged (multi-line messages keep their newlines). */
  text: string;
}

const HEADER = /^\(.*?\) (Recevied-From|Send-To): Nickname:(.*) User:(.*) Host:(.*):$/;

export function parseCommunicateLog(log: string): IptuxLogEntry[] {
  const entries: IptuxLogEntry[] = [];
  for (const block of log.split(/^={10,}$/m)) {
    const lines = block.replace(/^\n/, '').split('\n');
    const header = HEADER.exec(lines[0] ?? '');
    if (!header) continue;
    const end = lines.findIndex((line) => /^-{10,}$/.test(line));
    const body = lines.slice(1, end < 0 ? undefined : end).join('\n');
    if (!body.startsWith('[STRING]')) continue;
    entries.push({
      direction: header[1] === 'Send-To' ? 'sent' : 'received',
      nick: header[2] ?? '',
      user: header[3] ?? '',
      host: header[4] ?? '',
      text: body.slice('[STRING]'.length),
    });
  }
  return entries;
}
