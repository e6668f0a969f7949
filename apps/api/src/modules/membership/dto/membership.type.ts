import { Field, ID, ObjectType } from '@nestjs/graphql';
import { UserType, type UserFields } from '../../user';
import { Role } from '../../../common/role.enum';
import { ConnectionType } from '../../../common/pagination';
import type { MembershipEntity } from '../membership.entity';

@ObjectType('Membership')
export class MembershipType {
  @Field(() => ID)
  id!: string;

  @Field(() => UserType)
  user!: UserType;

  @Field(() => Role)
  role!: Role;

  @Field()
  createdAt!: Date;

  static from(membership: Pick<MembershipEntity, 'id' | 'role' | 'createdAt'>, user: UserFields): MembershipType {
    return Object.assign(new MembershipType(), {
      id: membership.id,
      user: UserType.from(user),
      role: membership.role,
      createdAt: membership.createdAt,
    });
  }
}

export const MembershipConnection = ConnectionType(MembershipType, 'Membership');
