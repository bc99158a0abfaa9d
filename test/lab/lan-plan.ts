// Turns a LAN description into the `ip` commands that build it. Pure: no I/O, so the
// naming and address rules can be read (and checked) without root.

export interface LanHostSpec {
  /** Short host name used by the API: a letter, then letters, digits or '-', at most 12. */
  name: string;
  /** IPv4 address inside its /24 subnet, e.g. 10.99.0.10. */
  address: string;
  /** Subnet name when `subnets` is given; by default the subnet that contains the address. */
  subnet?: string;
  /**
   * Own host name for processes started on this host. Namespaces share the machine's
   * host name, so each command is wrapped in `unshare --uts` + `hostname <hostname>`.
   */
  hostname?: string;
}

export interface LanSubnetSpec {
  name: string;
  /** A /24 network, e.g. 10.99.1.0/24. */
  cidr: string;
  /** The router's address on this subnet (default x.y.z.1); used only with two or more subnets. */
  gateway?: string;
}

export interface LanOptions {
  hosts: LanHostSpec[];
  /** Omit for one flat subnet; two or more subnets are joined by a router namespace. */
  subnets?: LanSubnetSpec[];
}

export interface LanSubnet {
  name: string;
  network: string;
  cidr: string;
  broadcast: string;
  /** Router address on this subnet, when there is a router. */
  gateway?: string;
  /** Bridge device (inside the bridge namespace). */
  bridge: string;
}

export interface LanHost {
  name: string;
  address: string;
  /** The network namespace this host lives in (for `ip netns exec`). */
  netns: string;
  subnet: string;
  broadcast: string;
  gateway?: string;
  hostname?: string;
}

export interface LanPlan {
  bridgeNetns: string;
  routerNetns?: string;
  subnets: LanSubnet[];
  hosts: LanHost[];
  /** Commands to run in order, each a full argv. */
  commands: string[][];
}

const NAME = /^[A-Za-z][A-Za-z0-9-]{0,11}$/;
const HOSTNAME = /^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$/;

function octets(address: string, what: string): number[] {
  const parts = address.split('.');
  const nums = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  if (nums.length !== 4 || nums.some((n) => !(n >= 0 && n <= 255))) {
    throw new Error(`${what}: '${address}' is not an IPv4 address`);
  }
  return nums;
}

function parseSubnet(spec: LanSubnetSpec, routed: boolean): LanSubnet {
  if (!NAME.test(spec.name)) throw new Error(`subnet name '${spec.name}' must match ${NAME}`);
  const [network, bits] = spec.cidr.split('/');
  if (bits !== '24' || network === undefined) {
    throw new Error(`subnet ${spec.name}: only /24 networks are supported ('${spec.cidr}')`);
  }
  const [a, b, c, d] = octets(network, `subnet ${spec.name}`);
  if (d !== 0) throw new Error(`subnet ${spec.name}: network address must end in .0`);
  const prefix = `${a}.${b}.${c}`;
  let gateway: string | undefined;
  if (routed) {
    gateway = spec.gateway ?? `${prefix}.1`;
    if (!gateway.startsWith(`${prefix}.`))
      throw new Error(`subnet ${spec.name}: gateway outside it`);
  }
  return {
    name: spec.name,
    network,
    cidr: `${network}/24`,
    broadcast: `${prefix}.255`,
    gateway,
    bridge: `br-${spec.name}`,
  };
}

function prefixOf(address: string): string {
  return address.split('.').slice(0, 3).join('.');
}

/** Plans a LAN. `id` makes namespace names unique to this LAN (several may coexist). */
export function planLan(options: LanOptions, id: string): LanPlan {
  if (options.hosts.length === 0) throw new Error('a LAN needs at least one host');
  const routed = (options.subnets?.length ?? 0) >= 2;
  const firstHost = options.hosts[0];
  const subnetSpecs = options.subnets?.length
    ? options.subnets
    : [{ name: 'lan', cidr: `${prefixOf(firstHost?.address ?? '')}.0/24` }];
  const subnets = subnetSpecs.map((s) => parseSubnet(s, routed));
  if (new Set(subnets.map((s) => s.name)).size !== subnets.length) {
    throw new Error('subnet names must be unique');
  }

  const bridgeNetns = `${id}_bridge`;
  const routerNetns = routed ? `${id}_router` : undefined;
  const seenNames = new Set<string>();
  const seenAddresses = new Set(subnets.flatMap((s) => (s.gateway ? [s.gateway] : [])));

  const hosts = options.hosts.map((spec): LanHost => {
    if (!NAME.test(spec.name)) throw new Error(`host name '${spec.name}' must match ${NAME}`);
    if (seenNames.has(spec.name)) throw new Error(`host name '${spec.name}' used twice`);
    seenNames.add(spec.name);
    const last = octets(spec.address, `host ${spec.name}`)[3];
    if (last === 0 || last === 255)
      throw new Error(`host ${spec.name}: '${spec.address}' is not a host address`);
    if (seenAddresses.has(spec.address)) throw new Error(`address ${spec.address} used twice`);
    seenAddresses.add(spec.address);
    if (spec.hostname !== undefined && !HOSTNAME.test(spec.hostname)) {
      throw new Error(`host ${spec.name}: invalid hostname '${spec.hostname}'`);
    }
    const subnet = spec.subnet
      ? subnets.find((s) => s.name === spec.subnet)
      : subnets.find((s) => prefixOf(s.network) === prefixOf(spec.address));
    if (!subnet) throw new Error(`host ${spec.name}: no subnet contains ${spec.address}`);
    if (prefixOf(subnet.network) !== prefixOf(spec.address)) {
      throw new Error(`host ${spec.name}: ${spec.address} is outside subnet ${subnet.name}`);
    }
    return {
      name: spec.name,
      address: spec.address,
      netns: `${id}-${spec.name}`,
      subnet: subnet.name,
      broadcast: subnet.broadcast,
      gateway: subnet.gateway,
      hostname: spec.hostname,
    };
  });

  const ip = (...args: string[]): string[] => ['ip', ...args];
  const commands: string[][] = [
    ip('netns', 'add', bridgeNetns),
    ip('-n', bridgeNetns, 'link', 'set', 'lo', 'up'),
  ];
  for (const s of subnets) {
    commands.push(ip('-n', bridgeNetns, 'link', 'add', s.bridge, 'type', 'bridge'));
    commands.push(ip('-n', bridgeNetns, 'link', 'set', s.bridge, 'up'));
  }
  if (routerNetns) {
    commands.push(
      ip('netns', 'add', routerNetns),
      ip('-n', routerNetns, 'link', 'set', 'lo', 'up'),
    );
    subnets.forEach((s, i) => {
      const dev = `eth${i}`;
      const peer = `r-${s.name}`;
      commands.push(
        ip(
          'link',
          'add',
          dev,
          'netns',
          routerNetns,
          'type',
          'veth',
          'peer',
          'name',
          peer,
          'netns',
          bridgeNetns,
        ),
        ip('-n', bridgeNetns, 'link', 'set', peer, 'master', s.bridge, 'up'),
        ip('-n', routerNetns, 'addr', 'add', `${s.gateway}/24`, 'brd', '+', 'dev', dev),
        ip('-n', routerNetns, 'link', 'set', dev, 'up'),
      );
    });
    // Forward unicast between the subnets; broadcasts stay on their side.
    commands.push([
      'ip',
      'netns',
      'exec',
      routerNetns,
      'sh',
      '-c',
      'echo 1 > /proc/sys/net/ipv4/ip_forward',
    ]);
  }
  for (const h of hosts) {
    const peer = `v-${h.name}`;
    const bridge = subnets.find((s) => s.name === h.subnet)?.bridge ?? '';
    commands.push(
      ip('netns', 'add', h.netns),
      ip(
        'link',
        'add',
        'eth0',
        'netns',
        h.netns,
        'type',
        'veth',
        'peer',
        'name',
        peer,
        'netns',
        bridgeNetns,
      ),
      ip('-n', bridgeNetns, 'link', 'set', peer, 'master', bridge, 'up'),
      ip('-n', h.netns, 'addr', 'add', `${h.address}/24`, 'brd', '+', 'dev', 'eth0'),
      ip('-n', h.netns, 'link', 'set', 'eth0', 'up'),
      ip('-n', h.netns, 'link', 'set', 'lo', 'up'),
      // Without a default route, sending to 255.255.255.255 fails with ENETUNREACH.
      h.gateway
        ? ip('-n', h.netns, 'route', 'add', 'default', 'via', h.gateway, 'dev', 'eth0')
        : ip('-n', h.netns, 'route', 'add', 'default', 'dev', 'eth0'),
    );
  }
  return { bridgeNetns, routerNetns, subnets, hosts, commands };
}
