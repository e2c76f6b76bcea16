// The part of a client address that rate limits count by. An IPv4 address is one counter. An IPv6
// host is normally given a whole /64 (2^64 addresses, by SLAAC or by its provider), so counting by
// the full IPv6 address would give an attacker a fresh counter per guess: IPv6 addresses count by
// their /64 prefix. An IPv4 address written as IPv6 (`::ffff:192.0.2.1`, what a dual-stack listener
// reports) counts as the IPv4 address, so one client is one counter however it arrives.
import { isIPv4, isIPv6 } from 'node:net';

export function addressForLimits(ip: string): string {
  if (!isIPv6(ip)) return ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, as lower-case hex without leading zeros. */
function expandIPv6(ip: string): string[] {
  const withoutZone = ip.split('%')[0]!;
  // An embedded IPv4 tail (`::1.2.3.4`) stands for the last two groups.
  const ipv4Tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(withoutZone);
  let text = withoutZone;
  if (ipv4Tail) {
    const [a, b, c, d] = ipv4Tail.slice(1).map(Number) as [number, number, number, number];
    text = `${withoutZone.slice(0, ipv4Tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16).toString(16));
}
