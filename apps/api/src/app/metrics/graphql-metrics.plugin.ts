import type { ApolloServerPlugin } from '@apollo/server';
import type { MetricsService } from './metrics.service';

/** Apollo plugin: operation latency by name and type, and errors by contract code. */
export function graphqlMetricsPlugin(metrics: MetricsService): ApolloServerPlugin {
  return {
    requestDidStart() {
      const stop = metrics.graphqlDuration.startTimer();
      return Promise.resolve({
        willSendResponse({ operationName, operation, response }) {
          stop({ operation: metrics.operationLabel(operationName), type: operation?.operation ?? 'unknown' });
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          for (const error of errors) {
            const code = error.extensions?.['code'];
            metrics.graphqlErrors.inc({ code: typeof code === 'string' ? code : 'UNKNOWN' });
          }
          return Promise.resolve();
        },
      });
    },
  };
}
