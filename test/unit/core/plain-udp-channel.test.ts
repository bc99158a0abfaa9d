import { describe, expect, it } from 'vitest';
import {
  PlainUdpChannel,
  PlainUdpPortError,
  type PlainUdpChannelOptions,
} from '../../../src-main/core/plain-contacts/plain-udp-channel';

const base: PlainUdpChannelOptions = {
  contact: { address: '192.168.1.50', port: 8080, encoding: 'utf8' },
  onText: () => undefined,
};

describe('PlainUdpChannel options', () => {
  it('accepts a valid contact without touching the network', () => {
    const channel = new PlainUdpChannel({ ...base, localPort: 3001 });
    expect(channel.contact).toEqual(base.contact);
    expect(channel.isOpen).toBe(false);
    expect(channel.local).toBeUndefined();
  });

  it.each([
    [{ contact: { ...base.contact, address: 'printer.local' } }, /IPv4/],
    [{ contact: { ...base.contact, address: '300.1.1.1' } }, /IPv4/],
    [{ contact: { ...base.contact, port: 0 } }, /contact port/],
    [{ contact: { ...base.contact, port: 70000 } }, /contact port/],
    [{ contact: { ...base.contact, encoding: 'big5' as never } }, /encoding/],
    [{ localPort: -1 }, /local port/],
    [{ localPort: 1.5 }, /local port/],
    [{ maxDatagramBytes: 9000 }, /maxDatagramBytes/],
    [{ maxDatagramBytes: 4 }, /maxDatagramBytes/],
    [{ maxSendBytes: 8 }, /maxSendBytes/],
    [{ maxDatagramBytes: 1024, maxSendBytes: 2048 }, /maxSendBytes/],
  ])('refuses %j', (change, message) => {
    expect(() => new PlainUdpChannel({ ...base, ...change })).toThrow(message);
  });

  it('cuts text into datagrams of at most maxSendBytes', async () => {
    const channel = new PlainUdpChannel({ ...base, maxSendBytes: 1024 });
    const result = await channel.send('字'.repeat(1000)); // 3000 bytes in UTF-8
    expect(result.datagrams).toBe(3);
  });

  it('reports a closed channel instead of throwing', async () => {
    const channel = new PlainUdpChannel(base);
    const result = await channel.send('hello');
    expect(result).toMatchObject({ datagrams: 1, sent: 0 });
    expect(result.error).toMatch(/closed/);
    expect(await channel.send('')).toEqual({ datagrams: 0, sent: 0, unrepresentable: 0 });
  });
});

describe('PlainUdpPortError', () => {
  it('tells the user what to do', () => {
    expect(new PlainUdpPortError(9000, 'EADDRINUSE').message).toMatch(
      /port 9000 is already in use.*Choose another port, or 0/,
    );
    expect(new PlainUdpPortError(80, 'EACCES').message).toMatch(/above 1024/);
    expect(new PlainUdpPortError(9, 'EINVAL').message).toMatch(/EINVAL/);
  });
});
