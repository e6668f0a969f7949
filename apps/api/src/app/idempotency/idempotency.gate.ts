import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
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
import { AccessService } from '../../modules/session';
import type { Cleared } from '../graphql/pipeline';
import { IdempotencyService } from './idempotency.service';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const SANE_KEY = /^[A-Za-z0-9._:-]{1,255}$/;

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

/** The key a mutation holds while it runs; `finish` stores its answer. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  fingerprint: string;
}

/** What the gate says before a mutation runs. */
export type IdempotencyDecision =
  { kind: 'run'; claim?: IdempotencyClaim } | { kind: 'answer'; body: Record<string, unknown>; replayed: boolean };

/**
 * `Idempotency-Key` on every mutation, for every module (IdempotencyService
 * has the rules). Keys are scoped to the verified caller (tenant + user), so
 * only an authenticated request is deduplicated; without a valid token the
 * header is ignored and the operation answers as it would anyway.
 */
@Injectable()
export class IdempotencyGate {
  constructor(
    private readonly keys: IdempotencyService,
    private readonly access: AccessService,
  ) {}

  /** Before a cleared operation runs: run it (holding the key, if any), or answer without running it. */
  async before(
    schema: GraphQLSchema,
    { document, operation, variables }: Pick<Cleared, 'document' | 'operation' | 'variables'>,
    headers: Record<string, string | string[] | undefined>,
  ): Promise<IdempotencyDecision> {
    if (operation.operation !== OperationTypeNode.MUTATION) return { kind: 'run' };
    const key = headers[IDEMPOTENCY_HEADER];
    if (key === undefined) return { kind: 'run' };
    if (typeof key !== 'string' || !SANE_KEY.test(key)) {
      return this.error(ErrorCode.BAD_USER_INPUT, 'Idempotency-Key must be 1-255 of A-Z a-z 0-9 . _ : -');
    }
    if (answersSecrets(schema, operation)) return { kind: 'run' };
    const caller = await this.caller(headers['authorization']);
    if (!caller) return { kind: 'run' };
    // The printed document: the same operation laid out otherwise is the same request.
    const fingerprint = createHash('sha256')
      .update(`${print(document)}\n${operation.name?.value ?? ''}\n${stable(variables ?? {})}`)
      .digest('hex');
    const scope = `${caller.tenantId}:${caller.userId}`;
    const outcome = await this.keys.begin(scope, key, fingerprint);
    if (outcome.kind === 'run') return { kind: 'run', claim: { scope, key, fingerprint } };
    if (outcome.kind === 'conflict') return this.error(ErrorCode.CONFLICT, outcome.message);
    return { kind: 'answer', body: outcome.result, replayed: true };
  }

  /** After it ran: the answer is kept and replayed for the key's lifetime. */
  async finish(claim: IdempotencyClaim, body: Record<string, unknown>): Promise<void> {
    await this.keys.finish(claim.scope, claim.key, claim.fingerprint, body);
  }

  /** The verified caller of an active session, or null (never throws: the guard answers that). */
  private async caller(header: string | string[] | undefined): Promise<{ userId: string; tenantId: string } | null> {
    const claims = await this.access.activeClaims(header);
    return claims ? { userId: claims.sub, tenantId: claims.tid } : null;
  }

  private error(code: ErrorCode, message: string): IdempotencyDecision {
    return {
      kind: 'answer',
      replayed: false,
      body: { errors: [{ message, extensions: { code, requestId: RequestContext.requestId() } }] },
    };
  }
}
