import type { DataSource } from 'typeorm';

/**
 * The SQL TypeORM would run to make the database match the entities: empty
 * when the migrations and the entities agree ("generate and expect nothing").
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}

/** Undoes every applied migration, newest first; returns how many it undid. */
export async function revertAllMigrations(dataSource: DataSource): Promise<number> {
  let undone = 0;
  for (;;) {
    const applied = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1`,
      [dataSource.options.migrationsTableName ?? 'migrations'],
    );
    if (applied[0]?.n === 0) return undone;
    const rows = await dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "${dataSource.options.migrationsTableName ?? 'migrations'}"`,
    );
    if ((rows[0]?.n ?? 0) === 0) return undone;
    await dataSource.undoLastMigration({ transaction: 'each' });
    undone++;
  }
}
