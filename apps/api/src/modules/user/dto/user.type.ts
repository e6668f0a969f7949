import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { UserFields } from '../user.columns';

@ObjectType('User')
export class UserType {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field()
  name!: string;

  @Field()
  emailVerified!: boolean;

  @Field()
  createdAt!: Date;

  static from(user: UserFields): UserType {
    return Object.assign(new UserType(), {
      id: user.id,
      email: user.email,
      name: user.name,
      emailVerified: user.emailVerifiedAt !== null,
      createdAt: user.createdAt,
    });
  }
}
