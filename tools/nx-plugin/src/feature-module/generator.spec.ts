import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { APP_MODULE, REGISTRY, SCHEMA, featureModuleGenerator, pluralize, templateNames } from './generator';

const root = resolve(__dirname, '../../../..');
const TIMESTAMP = 1800000000000;

/** An in-memory workspace holding the real files the generator edits. */
function workspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const file of [REGISTRY, APP_MODULE, SCHEMA]) tree.write(file, readFileSync(join(root, file), 'utf8'));
  tree.write('apps/api/src/modules/product/index.ts', "export * from './product.module';\n");
  return tree;
}

/** The files `work` creates in the tree. */
async function created(tree: Tree, work: () => Promise<unknown>): Promise<string[]> {
  const before = new Set(tree.listChanges().map((c) => c.path));
  await work();
  return tree
    .listChanges()
    .map((c) => c.path)
    .filter((path) => !before.has(path))
    .sort();
}

describe('feature-module generator (in memory)', () => {
  it('writes the 9-step module, its migration and its tests under the derived names', async () => {
    const tree = workspace();
    const written = await created(tree, () =>
      featureModuleGenerator(tree, { name: 'purchase-order', timestamp: TIMESTAMP, skipFormat: true }),
    );
    const dir = 'apps/api/src/modules/purchase-order';
    expect(written).toEqual(
      [
        `${dir}/purchase-order.constants.ts`,
        `${dir}/purchase-order.entity.ts`,
        `${dir}/purchase-order.module.ts`,
        `${dir}/purchase-order.resolver.ts`,
        `${dir}/purchase-order.service.ts`,
        `${dir}/index.ts`,
        `${dir}/commands/create-purchase-order.command.ts`,
        `${dir}/commands/update-purchase-order.command.ts`,
        `${dir}/commands/delete-purchase-order.command.ts`,
        `${dir}/queries/purchase-order.query.ts`,
        `${dir}/queries/purchase-orders.query.ts`,
        `${dir}/dto/purchase-order.type.ts`,
        `${dir}/dto/purchase-order.inputs.ts`,
        `${dir}/dto/purchase-order.inputs.spec.ts`,
        `${dir}/dto/purchase-orders.args.ts`,
        `apps/api/src/database/migrations/${TIMESTAMP}-AddPurchaseOrders.ts`,
        'apps/api-e2e/src/purchase-orders.e2e-spec.ts',
      ].sort(),
    );
    const read = (path: string): string => tree.read(path, 'utf-8') ?? '';
    expect(read(`${dir}/purchase-order.entity.ts`)).toContain("@Entity('purchase_orders')");
    expect(read(`${dir}/purchase-order.entity.ts`)).toContain(
      'export class PurchaseOrderEntity extends AbstractEntity',
    );
    expect(read(`${dir}/purchase-order.resolver.ts`)).toMatch(/purchaseOrders\(\s*@CurrentTenant\(\)/);
    expect(read(`${dir}/purchase-order.resolver.ts`)).toContain('deletePurchaseOrder(');
    const migration = read(`apps/api/src/database/migrations/${TIMESTAMP}-AddPurchaseOrders.ts`);
    expect(migration).toContain(`export class AddPurchaseOrders${TIMESTAMP} implements MigrationInterface`);
    expect(migration).toContain('CREATE TABLE "purchase_orders"');
    expect(migration).toContain('DROP TABLE "purchase_orders"');
    // Behind row-level security from the start, with the runtime role's privileges (ADR 013).
    expect(migration).toContain('ALTER TABLE "purchase_orders" FORCE ROW LEVEL SECURITY');
    expect(migration).toContain('CREATE POLICY "purchase_orders_tenant" ON "purchase_orders"');
    expect(migration).toContain('TO app_runtime');
    // No template syntax left anywhere.
    for (const path of written) expect(read(path)).not.toMatch(/<%|%>/);
  });

  it('registers the entity, the migration and the module, keeping what was there', async () => {
    const tree = workspace();
    const registryBefore = tree.read(REGISTRY, 'utf-8') ?? '';
    await featureModuleGenerator(tree, { name: 'invoice', timestamp: TIMESTAMP, skipFormat: true });
    const registry = tree.read(REGISTRY, 'utf-8') ?? '';
    expect(registry).toContain("import { InvoiceEntity } from '../modules/invoice/invoice.entity';");
    expect(registry).toContain(`import { AddInvoices${TIMESTAMP} } from './migrations/${TIMESTAMP}-AddInvoices';`);
    const entities = /ENTITIES[^\n]*\[([^\]]*)\]/.exec(registry)?.[1] ?? '';
    const migrations = /MIGRATIONS[^\n]*\[([^\]]*)\]/.exec(registry)?.[1] ?? '';
    expect(entities.trim().split(/,\s*/).filter(Boolean).at(-1)).toBe('InvoiceEntity');
    expect(migrations.trim().split(/,\s*/).filter(Boolean).at(-1)).toBe(`AddInvoices${TIMESTAMP}`);
    // Everything registered before is still registered, in the same order.
    const before = /ENTITIES[^\n]*\[([^\]]*)\]/.exec(registryBefore)?.[1] ?? '';
    expect(entities).toContain(before.trim().replace(/,$/, ''));

    const app = tree.read(APP_MODULE, 'utf-8') ?? '';
    expect(app).toContain("import { InvoiceModule } from '../modules/invoice';");
    // The last of the application module's imports (after whatever was there).
    expect(app).toMatch(/\w+Module,\s*InvoiceModule,\s*\],\s*controllers/);
  });

  it('refuses to overwrite a module, clash with a schema name, or take a malformed name', async () => {
    const tree = workspace();
    const registry = tree.read(REGISTRY, 'utf-8');
    const written = await created(tree, async () => {
      await expect(featureModuleGenerator(tree, { name: 'product', skipFormat: true })).rejects.toThrow(
        /already exists/,
      );
      await expect(featureModuleGenerator(tree, { name: 'page-info', skipFormat: true })).rejects.toThrow(
        /type named PageInfo/,
      );
      for (const name of ['Invoice', 'purchase_order', '1st', 'invoice-', '']) {
        await expect(featureModuleGenerator(tree, { name, skipFormat: true })).rejects.toThrow(/kebab-case/);
      }
      await expect(featureModuleGenerator(tree, { name: 'sheep', plural: 'sheep', skipFormat: true })).rejects.toThrow(
        /plural/,
      );
    });
    // The refusals wrote nothing.
    expect(written).toEqual([]);
    expect(tree.read(REGISTRY, 'utf-8')).toBe(registry);
  });

  it('derives plurals and every spelling from the kebab-case name', () => {
    expect(['invoice', 'category', 'day', 'box', 'branch', 'status'].map(pluralize)).toEqual([
      'invoices',
      'categories',
      'days',
      'boxes',
      'branches',
      'statuses',
    ]);
    expect(templateNames({ name: 'person', plural: 'people', timestamp: 1 })).toMatchObject({
      className: 'Person',
      pluralPropertyName: 'people',
      tableName: 'people',
      migrationClass: 'AddPeople1',
    });
    // TypeORM's own name for the primary key of "products" (see the AddProducts migration).
    expect(templateNames({ name: 'product', timestamp: 1 })['primaryKeyName']).toBe('PK_0806c755e0aca124e67c0cf6d7d');
  });
});
