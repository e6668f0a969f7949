import { slugify } from './slug';

describe('slugify', () => {
  it.each([
    ['Acme Inc', 'acme-inc'],
    ['  Acme & Co. (EU) ', 'acme-co-eu'],
    ['Crème Brûlée', 'creme-brulee'],
    ['---', 'tenant'],
    ['東京', 'tenant'],
  ])('%s -> %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('never exceeds 100 characters nor ends with a dash', () => {
    const slug = slugify(`${'a'.repeat(99)} b`);
    expect(slug.length).toBeLessThanOrEqual(100);
    expect(slug.endsWith('-')).toBe(false);
  });
});
