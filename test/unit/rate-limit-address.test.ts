// What an attacker controls within one IPv6 /64 (every address in it) must count as one client.
import { addressForLimits } from '../../src/ratelimit/address.js';

describe('the address a rate limit counts by', () => {
  it('is the IPv4 address itself, however it is written', () => {
    expect(addressForLimits('192.0.2.1')).toBe('192.0.2.1');
    expect(addressForLimits('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressForLimits('::FFFF:192.0.2.1')).toBe('192.0.2.1');
  });

  it('is the /64 of an IPv6 address, so the 2^64 addresses a host is given count as one', () => {
    const prefix = '2001:db8:85a3:42::/64';
    for (const ip of [
      '2001:db8:85a3:42::1',
      '2001:0db8:85a3:0042:ffff:ffff:ffff:ffff',
      '2001:db8:85a3:42:1:2:3:4',
      '2001:DB8:85A3:42::abcd',
      '2001:db8:85a3:42::1.2.3.4',
    ]) {
      expect([ip, addressForLimits(ip)]).toEqual([ip, prefix]);
    }
  });

  it('tells different /64s apart, compressed or not', () => {
    expect(addressForLimits('2001:db8:85a3:43::1')).toBe('2001:db8:85a3:43::/64');
    expect(addressForLimits('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressForLimits('::1')).toBe('0:0:0:0::/64');
    expect(addressForLimits('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressForLimits('1:2:3:4:5:6:7::')).toBe('1:2:3:4::/64');
  });

  it('leaves anything that is not an address as it is (it is hashed into the key either way)', () => {
    expect(addressForLimits('')).toBe('');
    expect(addressForLimits('not-an-ip')).toBe('not-an-ip');
  });
});
