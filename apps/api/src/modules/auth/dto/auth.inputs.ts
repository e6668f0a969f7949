import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEmail, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsAcceptablePassword } from '../password.rule';

@InputType()
export class SignUpInput {
  @Field()
  @IsEmail({}, { message: 'must be a valid email address' })
  @MaxLength(320)
  email!: string;

  @Field()
  @IsString()
  @IsAcceptablePassword()
  password!: string;

  @Field()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(100)
  name!: string;

  @Field()
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(100)
  tenantName!: string;
}

@InputType()
export class LoginInput {
  @Field()
  @IsString()
  @MaxLength(320)
  email!: string;

  @Field()
  @IsString()
  @MaxLength(1024)
  password!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a valid id' })
  tenantId?: string;
}

@InputType()
export class RefreshTokenInput {
  @Field()
  @IsString()
  @MaxLength(4096)
  refreshToken!: string;
}

@InputType()
export class ResetPasswordInput {
  @Field()
  @IsString()
  @MaxLength(256)
  token!: string;

  @Field()
  @IsString()
  @IsAcceptablePassword()
  newPassword!: string;
}
