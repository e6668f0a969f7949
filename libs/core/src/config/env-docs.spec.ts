import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envSchema } from './env.schema';

/** The names in the first column of the README's "Environment" table. */
function documentedVariables(readme: string): string[] {
  const section = readme.split(/^## Environment\n/m)[1]?.split(/^## /m)[0] ?? '';
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  return rows.flatMap((row) => [...(row.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]));
}

describe("the README's environment table", () => {
  const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
  const documented = documentedVariables(readme);

  it('lists every variable of the config schema, and no other', () => {
    const schema = Object.keys(envSchema.shape).sort();
    expect([...new Set(documented)].sort()).toEqual(schema);
  });

  it('lists each variable once', () => {
    expect(documented.length).toBe(new Set(documented).size);
  });

  it('is read from the table (a variable left out is noticed)', () => {
    const without = readme.replace(/^\| `QUEUE_PREFIX` .*\n/m, '');
    expect(documentedVariables(without)).not.toContain('QUEUE_PREFIX');
    expect(documentedVariables(without).length).toBe(documented.length - 1);
  });
});
