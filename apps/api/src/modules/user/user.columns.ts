import type { UserEntity } from './user.entity';

/** A user's columns in a row of plain SQL, named `<prefix>Id`, `<prefix>Email`, … (userColumns). */
export type UserColumns<P extends string> = Record<`${P}Id` | `${P}Email` | `${P}Name`, string> &
  Record<`${P}EmailVerifiedAt`, Date | null> &
  Record<`${P}CreatedAt`, Date>;

/**
 * The select list of a user joined (or read) as `alias`, for UserType: the one
 * place outside the entity that knows the users table's columns (the lists
 * that join their users, the owner loader).
 */
export function userColumns(alias: string, prefix: string): string {
  return (
    `${alias}.id AS "${prefix}Id", ${alias}.email AS "${prefix}Email", ${alias}.name AS "${prefix}Name", ` +
    `${alias}.email_verified_at AS "${prefix}EmailVerifiedAt", ${alias}.created_at AS "${prefix}CreatedAt"`
  );
}

/** What UserType.from reads of a user. */
export type UserFields = Pick<UserEntity, 'id' | 'email' | 'name' | 'emailVerifiedAt' | 'createdAt'>;

/** The user in `row` (userColumns), or undefined when a LEFT JOIN found none. */
export function userOfRow<P extends string>(row: Partial<UserColumns<P>>, prefix: P): UserFields | undefined {
  // The row's type says what each `<prefix>…` column holds; TypeScript cannot index it by a generic prefix.
  const columns = row as Record<string, unknown>;
  const id = columns[`${prefix}Id`] as string | null | undefined;
  const email = columns[`${prefix}Email`] as string | null | undefined;
  const name = columns[`${prefix}Name`] as string | null | undefined;
  const createdAt = columns[`${prefix}CreatedAt`] as Date | null | undefined;
  const emailVerifiedAt = columns[`${prefix}EmailVerifiedAt`] as Date | null | undefined;
  if (id == null || email == null || name == null || createdAt == null) return undefined;
  return { id, email, name, emailVerifiedAt: emailVerifiedAt ?? null, createdAt };
}

/** The user of an inner join in `row`: one is there, or the statement is wrong (an error, not a client's mistake). */
export function joinedUser<P extends string>(row: UserColumns<P>, prefix: P): UserFields {
  const user = userOfRow(row, prefix);
  if (!user) throw new Error(`a row without its joined user (${prefix}Id)`);
  return user;
}
