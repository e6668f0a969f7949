import { ipBucket } from './ip-bucket';

describe('ipBucket', () => {
  it('keeps an IPv4 address, and takes the IPv4 out of an IPv4-mapped IPv6 address', () => {
    expect(ipBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(ipBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('buckets IPv6 by its /64, whatever the spelling of the address', () => {
    const bucket = ipBucket('2001:db8:1:2::1');
    expect(bucket).toBe('2001:db8:1:2::/64');
    expect(ipBucket('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe(bucket);
    expect(ipBucket('2001:DB8:1:2:abcd::9')).toBe(bucket);
    expect(ipBucket('2001:db8:1:3::1')).not.toBe(bucket);
  });

  it('keeps an unparsable value apart, bounded', () => {
    expect(ipBucket(undefined)).toBe('unknown');
    expect(ipBucket('x'.repeat(500))).toHaveLength(64);
  });
});
