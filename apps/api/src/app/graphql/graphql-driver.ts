import { MercuriusDriver } from '@nestjs/mercurius';
import { withFilter } from 'graphql-subscriptions';

type Filter = (payload: unknown, variables: unknown, context: unknown) => boolean | Promise<boolean>;
type SubscribeFn = (...args: unknown[]) => AsyncIterator<unknown> | Promise<AsyncIterator<unknown>>;

/**
 * Mercurius's driver with graphql-subscriptions' `withFilter`: Mercurius's
 * own is an async generator, whose `return()` waits for the pending event of
 * a closed subscription (one of this tenant's, however long that takes),
 * holding its Redis listener and the socket's cleanup until then. This one
 * ends the pub/sub iterator at once.
 */
export class GraphQLDriver extends MercuriusDriver {
  override subscriptionWithFilter(
    instanceRef: unknown,
    filterFn: Filter,
    createSubscribeContext: () => SubscribeFn,
  ): ReturnType<typeof withFilter> {
    return withFilter(
      (...args: unknown[]) => createSubscribeContext()(...args),
      (payload: unknown, variables: unknown, context: unknown) =>
        filterFn.call(instanceRef, payload, variables, context),
    );
  }
}
