import { isIPv4 } from 'node:net';

/**
 * `--bind=<IPv4>` on Pigeon's command line: listen on that one address instead of all of
 * them, as headless mode's --bind does. The packaged-app smoke test runs two Pigeons on
 * one machine this way (127.0.0.2 and 127.0.0.3). Anything but an IPv4 address is ignored.
 */
export function bindAddressSwitch(value: string | undefined): string | undefined {
  const address = value?.trim();
  return address && isIPv4(address) ? address : undefined;
}
