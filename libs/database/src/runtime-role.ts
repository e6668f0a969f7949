import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import { InjectEnv, type Env } from '@app/core';

/**
 * What is wrong with the role `dataSource` connects as, for an app that must
 * be subject to row-level security (ADR 013): empty when nothing is.
 */
export async function runtimeRoleProblems(dataSource: DataSource): Promise<string[]> {
  const rows = await dataSource.query<{ role: string; rolsuper: boolean; rolbypassrls: boolean; owned: number }[]>(
    `SELECT r.rolname AS role, r.rolsuper, r.rolbypassrls,
            (SELECT count(*)::int FROM pg_tables t WHERE t.schemaname = 'public' AND t.tableowner = current_user) AS owned
       FROM pg_roles r WHERE r.rolname = current_user`,
  );
  const row = rows.at(0);
  if (row === undefined) return ['the current role is not in pg_roles'];
  const problems: string[] = [];
  if (row.rolsuper) problems.push(`role ${row.role} is a superuser`);
  if (row.rolbypassrls) problems.push(`role ${row.role} has BYPASSRLS`);
  if (row.owned > 0) problems.push(`role ${row.role} owns ${String(row.owned)} table(s)`);
  return problems;
}

/**
 * At start-up: the API and the worker must not connect as a role that skips
 * row-level security. Production refuses to start; elsewhere it is a warning
 * (an old development `.env` with the owner as DATABASE_URL: `yarn env:init`).
 */
@Injectable()
export class RuntimeRoleCheck implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectEnv() private readonly env: Env,
    @InjectPinoLogger(RuntimeRoleCheck.name) private readonly logger: PinoLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const problems = await runtimeRoleProblems(this.dataSource);
    if (problems.length === 0) return;
    const message =
      'DATABASE_URL must be the runtime role (a member of app_runtime that owns nothing and does not bypass ' +
      `row-level security; README, "Deploying"): ${problems.join('; ')}`;
    if (this.env.NODE_ENV === 'production') {
      this.logger.fatal({ problems }, message);
      throw new Error(message);
    }
    this.logger.warn({ problems }, message);
  }
}
