import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';
import { Role } from '../../../common/role.enum';

@InputType()
export class UpdateMemberRoleInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a valid id' })
  userId!: string;

  @Field(() => Role)
  @IsEnum(Role, { message: 'must be OWNER, ADMIN or MEMBER' })
  role!: Role;
}
