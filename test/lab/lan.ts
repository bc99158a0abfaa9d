import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { planLan, type LanHost, type LanOptions, type LanSubnet } from './lan-plan';
import { ProcessTracker, run, type RunOptions, type RunResult, type StopOptions } from './proc';
import { assertInsideSandbox } from './sandbox';

export type { LanHost, LanHostSpec, LanOptions, LanSubnet, LanSubnetSpec } from './lan-plan';

export type SpawnOnOptions = Pick<SpawnOptions, 'cwd' | 'env' | 'stdio'>;

/** A LAN of network-namespace hosts joined by bridges (and a router for two subnets). */
export interface Lan {
  readonly hosts: readonly LanHost[];
  readonly subnets: readonly LanSubnet[];
  /** The router namespace, when two or more subnets were asked for. */
  readonly routerNetns?: string;
  /** The host by name; throws for an unknown name. */
  host(name: string): LanHost;
  /** The argv that runs `cmd args…` as that host (for wrapper scripts and the like). */
  hostCommand(host: string, cmd: string, args?: readonly string[]): string[];
  /** Runs a short command on a host; rejects on non-zero exit unless allowFailure. */
  exec(host: string, cmd: string, args?: readonly string[], opts?: RunOptions): Promise<RunResult>;
  /**
   * Starts a long-running process on a host. Its PID is the command's own (ip netns
   * exec and unshare exec in place); it leads its own process group; stdout/stderr
   * are piped and a tail is kept (outputOf). dispose() ends it.
   */
  spawnOn(host: string, cmd: string, args?: readonly string[], opts?: SpawnOnOptions): ChildProcess;
  /** What a process from spawnOn printed (last 256 KiB). */
  outputOf(child: ChildProcess): string;
  /** Ends one process from spawnOn (SIGTERM to its group, SIGKILL after graceMs). */
  stop(child: ChildProcess, opts?: StopOptions): Promise<void>;
  /** Processes from spawnOn still running. */
  running(): ChildProcess[];
  /** Shapes the host's link, e.g. 'loss 30% delay 5ms 20ms reorder 25%'. Needs sch_netem. */
  netem(host: string, spec: string): Promise<void>;
  clearNetem(host: string): Promise<void>;
  /** Whether this kernel offers netem (some VM kernels ship without it). */
  canNetem(): Promise<boolean>;
  /** Ends every process started through spawnOn, by PID, then deletes the namespaces. */
  dispose(): Promise<void>;
}

let lanCounter = 0;

/** Builds a LAN inside the lab sandbox. Three hosts take well under a second. */
export async function createLan(options: LanOptions): Promise<Lan> {
  assertInsideSandbox('createLan');
  lanCounter += 1;
  const plan = planLan(options, `l${process.pid}x${lanCounter}`);
  const created: string[] = [];
  try {
    for (const argv of plan.commands) {
      const [cmd = 'ip', ...args] = argv;
      await run(cmd, args);
      if (args[0] === 'netns' && args[1] === 'add' && args[2]) created.push(args[2]);
    }
  } catch (error) {
    await deleteNamespaces(created);
    throw error;
  }
  return new NamespaceLan(plan.hosts, plan.subnets, plan.routerNetns, [
    ...plan.hosts.map((h) => h.netns),
    ...(plan.routerNetns ? [plan.routerNetns] : []),
    plan.bridgeNetns,
  ]);
}

async function deleteNamespaces(names: readonly string[]): Promise<void> {
  for (const name of names) await run('ip', ['netns', 'del', name], { allowFailure: true });
}

class NamespaceLan implements Lan {
  private readonly tracker = new ProcessTracker();
  private disposed = false;

  constructor(
    readonly hosts: readonly LanHost[],
    readonly subnets: readonly LanSubnet[],
    readonly routerNetns: string | undefined,
    private readonly namespaces: readonly string[],
  ) {
    liveTrackers.add(this.tracker);
  }

  host(name: string): LanHost {
    const host = this.hosts.find((h) => h.name === name);
    if (!host) throw new Error(`no host '${name}' on this LAN`);
    return host;
  }

  hostCommand(host: string, cmd: string, args: readonly string[] = []): string[] {
    const h = this.host(host);
    if (h.hostname === undefined) return ['ip', 'netns', 'exec', h.netns, cmd, ...args];
    // A UTS namespace per command: the host name is the same for all of the host's processes.
    const script = 'hostname "$0" && exec "$@"';
    return [
      'ip',
      'netns',
      'exec',
      h.netns,
      'unshare',
      '--uts',
      '--',
      'sh',
      '-c',
      script,
      h.hostname,
      cmd,
      ...args,
    ];
  }

  exec(
    host: string,
    cmd: string,
    args: readonly string[] = [],
    opts?: RunOptions,
  ): Promise<RunResult> {
    this.assertLive();
    const [ip = 'ip', ...rest] = this.hostCommand(host, cmd, args);
    return run(ip, rest, opts);
  }

  spawnOn(
    host: string,
    cmd: string,
    args: readonly string[] = [],
    opts: SpawnOnOptions = {},
  ): ChildProcess {
    this.assertLive();
    const [ip = 'ip', ...rest] = this.hostCommand(host, cmd, args);
    return this.tracker.spawn(ip, rest, { ...opts, env: { ...process.env, ...opts.env } });
  }

  outputOf(child: ChildProcess): string {
    return this.tracker.outputOf(child);
  }

  stop(child: ChildProcess, opts?: StopOptions): Promise<void> {
    return this.tracker.stop(child, opts);
  }

  running(): ChildProcess[] {
    return this.tracker.running();
  }

  async netem(host: string, spec: string): Promise<void> {
    const args = spec.trim().split(/\s+/);
    const result = await this.exec(
      host,
      'tc',
      ['qdisc', 'replace', 'dev', 'eth0', 'root', 'netem', ...args],
      {
        allowFailure: true,
      },
    );
    if (result.code !== 0) {
      const hint = /unknown/i.test(result.stderr)
        ? ' (this kernel has no sch_netem: check canNetem())'
        : '';
      throw new Error(`netem '${spec}' on ${host} failed${hint}: ${result.stderr.trim()}`);
    }
  }

  async clearNetem(host: string): Promise<void> {
    await this.exec(host, 'tc', ['qdisc', 'del', 'dev', 'eth0', 'root'], { allowFailure: true });
  }

  async canNetem(): Promise<boolean> {
    const probe = this.hosts[0];
    if (!probe) return false;
    const added = await this.exec(
      probe.name,
      'tc',
      ['qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'delay', '1ms'],
      {
        allowFailure: true,
      },
    );
    if (added.code !== 0) return false;
    await this.exec(probe.name, 'tc', ['qdisc', 'del', 'dev', 'lo', 'root'], {
      allowFailure: true,
    });
    return true;
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.tracker.stopAll();
    liveTrackers.delete(this.tracker);
    // Processes this LAN did not start (a browser, say) keep a namespace alive: name them.
    for (const ns of this.namespaces) {
      const pids = await run('ip', ['netns', 'pids', ns], { allowFailure: true });
      if (pids.stdout.trim()) {
        process.stderr.write(
          `lan.dispose: still running in ${ns}: ${pids.stdout.trim().replace(/\s+/g, ' ')}\n`,
        );
      }
    }
    await deleteNamespaces(this.namespaces);
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('this LAN has been disposed');
  }
}

// If a test process dies without dispose(), take its processes with it.
const liveTrackers = new Set<ProcessTracker>();
process.once('exit', () => {
  for (const tracker of liveTrackers) {
    for (const child of tracker.running()) {
      if (child.pid === undefined) continue;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
});
