import { PasswordService } from './password.service';

describe('password policy', () => {
  it('accepts a long, uncommon passphrase', () => {
    expect(PasswordService.problems('correct horse battery staple')).toEqual([]);
  });

  it('refuses fewer than 10 characters', () => {
    expect(PasswordService.problems('Xy7#kLm2q')).toEqual(['must be at least 10 characters']);
  });

  it('refuses a common password of any length, whatever its case', () => {
    expect(PasswordService.problems('password1234')).toEqual(['is too common; choose another password']);
    expect(PasswordService.problems('PASSWORD1234')).toEqual(['is too common; choose another password']);
  });

  it('refuses more than 128 characters', () => {
    expect(PasswordService.problems('a'.repeat(129) + 'Z9')).toContain('must be at most 128 characters');
  });
});

describe('PasswordService hashing (argon2id)', () => {
  const service = new PasswordService();

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await service.hash('correct horse battery staple');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await service.verify(hash, 'correct horse battery staple')).toBe(true);
    expect(await service.verify(hash, 'wrong horse battery staple')).toBe(false);
  });

  it('treats a malformed hash as a mismatch, and the dummy check is always false', async () => {
    expect(await service.verify('not-a-hash', 'anything')).toBe(false);
    expect(await service.verifyDummy('anything')).toBe(false);
  });
});
