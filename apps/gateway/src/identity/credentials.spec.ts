import { compileAllowList, ipAllowed } from './identity-cache.service';
import { generateApiKey, generateClientSecret, hashSecret, keyPrefix, sameHash, seal, unseal } from './credentials';
import { OAuthError, parseBasic } from './token.service';

describe('credentials', () => {
  it('keys and secrets carry 32 random bytes; the prefix is 12 characters', () => {
    const a = generateApiKey();
    expect(Buffer.from(a.slice(4), 'base64url')).toHaveLength(32);
    expect(a).not.toBe(generateApiKey());
    expect(keyPrefix(a)).toBe(a.slice(0, 12));
    expect(Buffer.from(generateClientSecret().slice(4), 'base64url')).toHaveLength(32);
  });

  it('hashes compare in constant time and only equal hashes match', () => {
    expect(sameHash(hashSecret('x'), hashSecret('x'))).toBe(true);
    expect(sameHash(hashSecret('x'), hashSecret('y'))).toBe(false);
    expect(sameHash(hashSecret('x'), 'abcd')).toBe(false);
  });

  it('seals a private key with AES-256-GCM, refuses a wrong or missing secret, passes plain text through', () => {
    const sealed = seal('{"d":"secret"}', 'a-long-enough-secret');
    expect(sealed.startsWith('enc:')).toBe(true);
    expect(sealed).not.toContain('secret"');
    expect(unseal(sealed, 'a-long-enough-secret')).toBe('{"d":"secret"}');
    expect(() => unseal(sealed, 'another-secret-entirely')).toThrow();
    expect(() => unseal(sealed, undefined)).toThrow(/GATEWAY_SIGNING_KEY_SECRET/);
    expect(seal('plain', undefined)).toBe('plain');
    expect(unseal('plain', 'whatever-secret-here')).toBe('plain');
  });
});

describe('IP allow-list', () => {
  it('admits addresses inside its CIDRs (IPv4, IPv4-mapped IPv6, IPv6) and nothing else', () => {
    const list = compileAllowList(['10.0.0.0/8', '192.168.1.7', '2001:db8::/32']);
    expect(ipAllowed(list, '10.1.2.3')).toBe(true);
    expect(ipAllowed(list, '::ffff:10.1.2.3')).toBe(true);
    expect(ipAllowed(list, '192.168.1.7')).toBe(true);
    expect(ipAllowed(list, '192.168.1.8')).toBe(false);
    expect(ipAllowed(list, '2001:db8::1')).toBe(true);
    expect(ipAllowed(list, '2001:db9::1')).toBe(false);
    expect(ipAllowed(list, '127.0.0.1')).toBe(false);
  });

  it('names an invalid entry', () => {
    expect(() => compileAllowList(['10.0.0.0/33'])).toThrow(/10\.0\.0\.0\/33/);
    expect(() => compileAllowList(['example.com'])).toThrow(/example\.com/);
    expect(() => compileAllowList(['10.0.0.0/x'])).toThrow(/prefix/);
  });
});

describe('HTTP Basic client credentials (RFC 6749 2.3.1)', () => {
  it('decodes form-urlencoded id and secret', () => {
    const header = `Basic ${Buffer.from('psc_a%3Ab:s%2Bc+d').toString('base64')}`;
    expect(parseBasic(header)).toEqual({ id: 'psc_a:b', secret: 's+c d' });
    expect(parseBasic(undefined)).toBeUndefined();
  });

  it('refuses other schemes and malformed credentials as invalid_client', () => {
    expect(() => parseBasic('Bearer abc')).toThrow(OAuthError);
    expect(() => parseBasic(`Basic ${Buffer.from('no-colon').toString('base64')}`)).toThrow(/colon/);
  });
});
