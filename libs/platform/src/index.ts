/**
 * The API's platform pieces below the feature modules and the app edge, which
 * both use them (ADR 016): GraphQL subscriptions' pub/sub over Redis.
 */
export * from './pubsub.module';
