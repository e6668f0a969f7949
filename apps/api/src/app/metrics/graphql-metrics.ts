import type { GraphQLFormattedError } from 'graphql';
import type { MetricsService } from './metrics.service';

/** What the GraphQL transports report of one operation. */
export type OperationTimer = (
  operationName: string | undefined,
  type: string | undefined,
  errors: readonly GraphQLFormattedError[],
) => void;

/** Operation latency by name and type, and errors by contract code: start when the request arrives. */
export function operationTimer(metrics: MetricsService): OperationTimer {
  const stop = metrics.graphqlDuration.startTimer();
  return (operationName, type, errors) => {
    stop({ operation: metrics.operationLabel(operationName), type: type ?? 'unknown' });
    for (const error of errors) {
      const code = error.extensions?.['code'];
      metrics.graphqlErrors.inc({ code: typeof code === 'string' ? code : 'UNKNOWN' });
    }
  };
}
