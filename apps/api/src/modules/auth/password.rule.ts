import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { PasswordService } from './password.service';

/** class-validator rule: the password policy (length, not common), one message per problem. */
export function IsAcceptablePassword(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isAcceptablePassword',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && PasswordService.problems(value).length === 0,
        defaultMessage: (args?: ValidationArguments) =>
          typeof args?.value === 'string' ? PasswordService.problems(args.value).join('; ') : 'must be a string',
      },
    });
  };
}
