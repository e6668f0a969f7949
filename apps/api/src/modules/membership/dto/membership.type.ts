import { Field, ID, ObjectType } from '@nestjs/graphql';
import { UserType } from '../../user';
import { Role } from '../../../common/role.enum';

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
}
