import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** `"schema"."table"` of an entity in this data source (the app's schema), for hand-written SQL. */
export function qualifiedTable(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>): string {
  const meta = dataSource.getMetadata(entity);
  const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
  return meta.schema ? `${q(meta.schema)}.${q(meta.tableName)}` : q(meta.tableName);
}

/** Message and stack of anything thrown. */
export function describeError(err: unknown): { message: string; stack: string | null } {
  if (err instanceof Error) return { message: err.message || err.name, stack: err.stack ?? null };
  return { message: typeof err === 'string' ? err : (JSON.stringify(err) ?? String(err)), stack: null };
}
