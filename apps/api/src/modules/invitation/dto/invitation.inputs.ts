import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsAcceptablePassword } from '../../auth';
import { Role } from '../../../common/role.enum';
import { INVITABLE_ROLES } from '../invitation.constants';

@InputType()
export class InviteMemberInput {
  @Field()
  @IsEmail({}, { message: 'must be a valid email address' })
  @MaxLength(320)
  email!: string;

  @Field(() => Role, { description: 'ADMIN or MEMBER; an OWNER cannot be invited.' })
  @IsIn(INVITABLE_ROLES, { message: 'must be ADMIN or MEMBER' })
  role!: Role;
}

@InputType()
export class AcceptInvitationInput {
  @Field()
  @IsString()
  @MaxLength(256)
  token!: string;

  @Field(() => String, { nullable: true, description: 'Needed only when the email has no account yet.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Needed only when the email has no account yet.' })
  @IsOptional()
  @IsString()
  @IsAcceptablePassword()
  password?: string | null;
}

@InputType()
export class DeclineInvitationInput {
  @Field()
  @IsString()
  @MaxLength(256)
  token!: string;
}
