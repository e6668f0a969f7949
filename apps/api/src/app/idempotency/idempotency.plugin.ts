import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  ApolloServerPlugin,
  BaseContext,
  GraphQLRequestContextResponseForOperation,
  GraphQLResponse,
} from '@apollo/server';
import {
  getNamedType,
  isObjectType,
  Kind,
  OperationTypeNode,
  print,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { ErrorCode, RequestContext } from '@app/core';
import { SessionService, TokenService } from '../../modules/session';
import { IdempotencyService } from './idempotency.service';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const SANE_KEY = /^[A-Za-z0-9._:-]{1,255}$/;

interface Context {
  req: { headers: Record<string, string | string[] | undefined> };
}

/** A field whose value is a credential: never kept in Redis, so never replayed (ADR 010). */
const SECRET_FIELD = /(token|secret)$/i;

/**
 * Does the mutation answer a credential (a root field whose type has a token
 * or secret field, such as AuthPayload)? Such results are not stored: a
 * replay would hand the credential to whoever holds the key, and Redis would
 * hold it in clear for 24 h. Their retries run again (refreshToken has a
 * short reuse grace for that, SessionService.rotate).
 */
export function answersSecrets(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  const root = schema.getMutationType();
  if (!root) return false;
  const fields = root.getFields();
  return operation.selectionSet.selections.some((selection) => {
    // Fragments at the root: decided conservatively (not stored).
    if (selection.kind !== Kind.FIELD) return true;
    const field = fields[selection.name.value] as (typeof fields)[string] | undefined;
    const named = field ? getNamedType(field.type) : undefined;
    return isObjectType(named) && Object.keys(named.getFields()).some((name) => SECRET_FIELD.test(name));
  });
}

/** JSON with sorted keys: the same variables in another order are the same request. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}

/**
 * `Idempotency-Key` on every mutation, for every module (IdempotencyService
 * has the rules). Keys are scoped to the verified caller (tenant + user), so
 * only an authenticated request is deduplicated; without a valid token the
 * header is ignored and the operation answers as it would anyway.
 */
@Injectable()
export class IdempotencyPlugin {
  constructor(
    private readonly keys: IdempotencyService,
    private readonly tokens: TokenService,
    private readonly sessions: SessionService,
  ) {}

  plugin(): ApolloServerPlugin {
    return {
      requestDidStart: () => {
        let claim: { scope: string; key: string; fingerprint: string } | undefined;
        return Promise.resolve({
          responseForOperation: async (rc) => {
            // The operation guard has refused every request without an operation before this runs.
            if (rc.operation.operation !== OperationTypeNode.MUTATION) return null;
            const key = rc.request.http?.headers.get(IDEMPOTENCY_HEADER);
            if (key === undefined) return null;
            if (!SANE_KEY.test(key)) {
              return this.error(rc, ErrorCode.BAD_USER_INPUT, 'Idempotency-Key must be 1-255 of A-Z a-z 0-9 . _ : -');
            }
            if (answersSecrets(rc.schema, rc.operation)) return null;
            const caller = await this.caller((rc.contextValue as Context).req.headers['authorization']);
            if (!caller) return null;
            const fingerprint = createHash('sha256')
              .update(`${print(rc.document)}\n${rc.operationName ?? ''}\n${stable(rc.request.variables ?? {})}`)
              .digest('hex');
            const scope = `${caller.tenantId}:${caller.userId}`;
            const outcome = await this.keys.begin(scope, key, fingerprint);
            if (outcome.kind === 'run') {
              claim = { scope, key, fingerprint };
              return null;
            }
            if (outcome.kind === 'conflict') return this.error(rc, ErrorCode.CONFLICT, outcome.message);
            rc.response.http.headers.set('idempotent-replayed', 'true');
            return { http: rc.response.http, body: { kind: 'single', singleResult: outcome.result } };
          },
          willSendResponse: async (rc) => {
            if (!claim || rc.response.body.kind !== 'single') return;
            await this.keys.finish(claim.scope, claim.key, claim.fingerprint, { ...rc.response.body.singleResult });
          },
        });
      },
    };
  }

  /** The verified caller of an active session, or null (never throws: the guard answers that). */
  private async caller(header: string | string[] | undefined): Promise<{ userId: string; tenantId: string } | null> {
    const token = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header)?.[1] : undefined;
    if (!token) return null;
    try {
      const claims = await this.tokens.verifyAccess(token);
      if (!(await this.sessions.isActive(claims))) return null;
      return { userId: claims.sub, tenantId: claims.tid };
    } catch {
      return null;
    }
  }

  private error(
    rc: GraphQLRequestContextResponseForOperation<BaseContext>,
    code: ErrorCode,
    message: string,
  ): GraphQLResponse {
    return {
      http: rc.response.http,
      body: {
        kind: 'single',
        singleResult: { errors: [{ message, extensions: { code, requestId: RequestContext.requestId() } }] },
      },
    };
  }
}
