import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { trim } from '../../../common/validation';
import { TAG_NAME_MAX_LENGTH } from '../tag.constants';

@InputType()
export class CreateTagInput {
  @Field()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(TAG_NAME_MAX_LENGTH)
  name!: string;
}

@InputType()
export class UpdateTagInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a valid id' })
  id!: string;

  @Field()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'must not be empty' })
  @MaxLength(TAG_NAME_MAX_LENGTH)
  name!: string;
}
