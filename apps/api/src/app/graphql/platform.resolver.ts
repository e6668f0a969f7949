import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '../../common/auth.decorators';
import pkg from '../../../../../package.json';

/** The API's own fields. (Code-first GraphQL needs at least one query.) */
@Resolver()
export class PlatformResolver {
  @Public()
  @Query(() => String, { description: 'The version of the running API (PUBLIC).' })
  apiVersion(): string {
    return pkg.version;
  }
}
