// Proves the lab itself: namespace hosts on a bridge behave like machines on one LAN.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLan, type Lan } from '../lab/lan';
import { pidExists, run } from '../lab/proc';
import { startUdpProbe, type Datagram } from '../lab/udp-probe';

const A = '10.99.0.10';
const B = '10.99.0.11';
const C = '10.99.0.12';
const PORT = 5000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const carrying = (text: string) => (d: Datagram) => d.text === text;

async function netnsList(): Promise<string> {
  return (await run('ip', ['netns', 'list'])).stdout;
}

describe('a three-host LAN on one bridge', () => {
  let lan: Lan;

  beforeAll(async () => {
    lan = await createLan({
      hosts: [
        { name: 'a', address: A },
        { name: 'b', address: B, hostname: 'bee-host' },
        { name: 'c', address: C },
      ],
    });
  });

  afterAll(async () => {
    await lan?.dispose();
  });

  it('gives each host its own address, broadcast and default route', async () => {
    const addr = await lan.exec('b', 'ip', ['-4', '-o', 'addr', 'show', 'dev', 'eth0']);
    expect(addr.stdout).toContain(`inet ${B}/24 brd 10.99.0.255`);
    const route = await lan.exec('b', 'ip', ['route', 'show', 'default']);
    expect(route.stdout).toMatch(/^default dev eth0/m);
    expect(lan.host('b').broadcast).toBe('10.99.0.255');
  });

  it('delivers limited and directed broadcasts to 0.0.0.0 sockets on the other hosts', async () => {
    const sender = await startUdpProbe(lan, 'a', { port: PORT });
    const onB = await startUdpProbe(lan, 'b', { port: PORT });
    const onC = await startUdpProbe(lan, 'c', { port: PORT });
    try {
      await sender.send('255.255.255.255', PORT, 'limited');
      await sender.send('10.99.0.255', PORT, 'directed');
      for (const probe of [onB, onC]) {
        const limited = await probe.waitFor(carrying('limited'));
        const directed = await probe.waitFor(carrying('directed'));
        expect(limited.from).toBe(A);
        expect(directed.from).toBe(A);
        expect(limited.port).toBe(PORT);
      }
      // The sender hears its own broadcast, as on a real LAN: receivers must drop it.
      expect((await sender.waitFor(carrying('limited'))).from).toBe(A);
    } finally {
      await Promise.all([sender.stop(), onB.stop(), onC.stop()]);
    }
  });

  it('does not deliver broadcasts to a socket bound to the host address, only unicast', async () => {
    const sender = await startUdpProbe(lan, 'a');
    const wildcard = await startUdpProbe(lan, 'c', { port: PORT + 1 });
    const ownAddress = await startUdpProbe(lan, 'c', { bind: C, port: PORT + 1 });
    try {
      await sender.send('255.255.255.255', PORT + 1, 'to-all');
      await wildcard.waitFor(carrying('to-all'));
      await sender.send(C, PORT + 1, 'to-c');
      await ownAddress.waitFor(carrying('to-c'));
      await sleep(300);
      expect(ownAddress.received.map((d) => d.text)).toEqual(['to-c']);
    } finally {
      await Promise.all([sender.stop(), wildcard.stop(), ownAddress.stop()]);
    }
  });

  it('keeps each host loopback private', async () => {
    const loopA = await startUdpProbe(lan, 'a', { bind: '127.0.0.1', port: PORT + 2 });
    const loopB = await startUdpProbe(lan, 'b', { bind: '127.0.0.1', port: PORT + 2 });
    const wildB = await startUdpProbe(lan, 'b', { port: PORT + 3 });
    const sender = await startUdpProbe(lan, 'a');
    try {
      await sender.send('127.0.0.1', PORT + 2, 'loop-a');
      expect((await loopA.waitFor(carrying('loop-a'))).from).toBe('127.0.0.1');
      await sender.send('255.255.255.255', PORT + 2, 'bcast');
      await sender.send('255.255.255.255', PORT + 3, 'control');
      await wildB.waitFor(carrying('control'));
      await sleep(300);
      expect(loopB.received).toEqual([]);
    } finally {
      await Promise.all([loopA.stop(), loopB.stop(), wildB.stop(), sender.stop()]);
    }
  });

  it('runs commands under the host name asked for', async () => {
    expect((await lan.exec('b', 'hostname')).stdout.trim()).toBe('bee-host');
    expect((await lan.exec('a', 'hostname')).stdout.trim()).not.toBe('bee-host');
  });
});

describe('two subnets joined by a router', () => {
  it('forwards unicast between subnets and keeps broadcasts on their side', async () => {
    const lan = await createLan({
      subnets: [
        { name: 'left', cidr: '10.99.1.0/24' },
        { name: 'right', cidr: '10.99.2.0/24' },
      ],
      hosts: [
        { name: 'l1', address: '10.99.1.10' },
        { name: 'l2', address: '10.99.1.11' },
        { name: 'r1', address: '10.99.2.10' },
      ],
    });
    try {
      const l1 = await startUdpProbe(lan, 'l1', { port: PORT });
      const l2 = await startUdpProbe(lan, 'l2', { port: PORT });
      const r1 = await startUdpProbe(lan, 'r1', { port: PORT });
      await l1.send('255.255.255.255', PORT, 'left-only');
      await l1.send('10.99.1.255', PORT, 'left-directed');
      await l2.waitFor(carrying('left-only'));
      await l2.waitFor(carrying('left-directed'));
      await l1.send('10.99.2.10', PORT, 'across');
      const across = await r1.waitFor(carrying('across'));
      expect(across.from).toBe('10.99.1.10');
      await r1.send('10.99.1.10', PORT, 'back');
      expect((await l1.waitFor(carrying('back'))).from).toBe('10.99.2.10');
      await sleep(300);
      expect(r1.received.map((d) => d.text)).toEqual(['across']);
    } finally {
      await lan.dispose();
    }
  });
});

describe('dispose', () => {
  it('ends every process it started and removes the namespaces', async () => {
    const lan = await createLan({
      hosts: [
        { name: 'a', address: A },
        { name: 'b', address: B },
      ],
    });
    const probe = await startUdpProbe(lan, 'a', { port: PORT });
    // A process that ignores SIGTERM and forks a helper into its group.
    const stubborn = lan.spawnOn('b', 'sh', ['-c', "trap '' TERM; sleep 600 & wait"]);
    const pids = [probe.child.pid, stubborn.pid].filter((p): p is number => p !== undefined);
    expect(pids).toHaveLength(2);
    const netns = lan.hosts.map((h) => h.netns);
    expect(await netnsList()).toContain(netns[0]);

    await lan.dispose();

    expect(pids.filter(pidExists)).toEqual([]);
    expect(lan.running()).toEqual([]);
    const remaining = await netnsList();
    for (const name of netns) expect(remaining).not.toContain(name);
    // The helper forked into the stubborn process's group is gone too.
    const group = await run('pgrep', ['-g', String(stubborn.pid)], { allowFailure: true });
    expect(group.stdout.trim()).toBe('');
  });
});
