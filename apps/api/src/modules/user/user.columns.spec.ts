import { joinedUser, userColumns, userOfRow } from './user.columns';

describe('a user in a row of plain SQL', () => {
  const created = new Date('2026-01-02T03:04:05.006Z');

  it('names every column after its prefix', () => {
    expect(userColumns('u', 'owner')).toBe(
      'u.id AS "ownerId", u.email AS "ownerEmail", u.name AS "ownerName", ' +
        'u.email_verified_at AS "ownerEmailVerifiedAt", u.created_at AS "ownerCreatedAt"',
    );
  });

  it('reads the user back, and nothing when a LEFT JOIN found none', () => {
    const row = {
      ownerId: 'id-1',
      ownerEmail: 'a@b.c',
      ownerName: 'A',
      ownerEmailVerifiedAt: null,
      ownerCreatedAt: created,
    };
    expect(userOfRow(row, 'owner')).toEqual({
      id: 'id-1',
      email: 'a@b.c',
      name: 'A',
      emailVerifiedAt: null,
      createdAt: created,
    });
    const none = { ownerId: null, ownerEmail: null, ownerName: null, ownerEmailVerifiedAt: null, ownerCreatedAt: null };
    expect(userOfRow(none as never, 'owner')).toBeUndefined();
    expect(() => joinedUser(none as never, 'owner')).toThrow('a row without its joined user (ownerId)');
  });
});
