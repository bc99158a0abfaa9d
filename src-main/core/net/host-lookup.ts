// Resolving a computer name the user typed ("add a host by name") to IPv4 addresses,
// through the system resolver (hosts file, DNS, mDNS/NetBIOS where the OS has them),
// with a time limit: a name that does not answer must not leave the dialog hanging.
import dns from 'node:dns';
import type { Endpoint } from './endpoint';
import type { HostInput } from './host-ranges';

export type LookupFn = (
  hostname: string,
  options: { family: 4; all: true },
) => Promise<{ address: string; family: number }[]>;

export interface ResolveOptions {
  /** Give up after this long (default 3 s). */
  timeoutMs?: number;
  /** The resolver (default dns.promises.lookup); tests pass their own. */
  lookup?: LookupFn;
}

export type ResolveErrorCode = 'not-found' | 'timeout' | 'failed';

export type Resolved<T> =
  { ok: true; value: T } | { ok: false; code: ResolveErrorCode; error: string };

const NOT_FOUND = new Set(['ENOTFOUND', 'EAI_NONAME', 'EAI_NODATA', 'ENODATA']);

const defaultLookup: LookupFn = (hostname, options) => dns.promises.lookup(hostname, options);

/** IPv4 addresses of `name`, each once, in the resolver's order. */
export async function resolveHostName(
  name: string,
  opts: ResolveOptions = {},
): Promise<Resolved<string[]>> {
  const timeoutMs = opts.timeoutMs ?? 3000;
  const lookup = opts.lookup ?? defaultLookup;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    // The system lookup cannot be cancelled; past the limit its answer is ignored.
    const answer = await Promise.race([lookup(name, { family: 4, all: true }), timeout]);
    if (answer === 'timeout') {
      return {
        ok: false,
        code: 'timeout',
        error: `No answer for "${name}" within ${Math.round(timeoutMs / 100) / 10} s. Check the name, or enter the IP address instead.`,
      };
    }
    const addresses = [...new Set(answer.filter((a) => a.family === 4).map((a) => a.address))];
    if (addresses.length === 0) return notFound(name);
    return { ok: true, value: addresses };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (NOT_FOUND.has(code)) return notFound(name);
    return {
      ok: false,
      code: 'failed',
      error: `Could not look up "${name}" (${code || String(error)}).`,
    };
  } finally {
    clearTimeout(timer);
  }
}

function notFound(name: string): { ok: false; code: 'not-found'; error: string } {
  return {
    ok: false,
    code: 'not-found',
    error: `No computer named "${name}" was found on the network (no IPv4 address). Check the name, or enter the IP address instead.`,
  };
}

/** Where to reach a host the user added: its address, or every address its name has. */
export async function resolveHostInput(
  input: HostInput,
  opts: ResolveOptions = {},
): Promise<Resolved<Endpoint[]>> {
  if (input.kind === 'address') {
    return { ok: true, value: [{ address: input.address, port: input.port }] };
  }
  const resolved = await resolveHostName(input.name, opts);
  if (!resolved.ok) return resolved;
  return { ok: true, value: resolved.value.map((address) => ({ address, port: input.port })) };
}
