import { badTextFields, nulPaths } from './nul-guard';

describe('nulPaths', () => {
  it('names every string holding U+0000, nested in objects and arrays', () => {
    expect(nulPaths({ input: { name: 'a\u0000', ok: 'b', tagIds: ['x', '\u0000y'] }, id: '\u0000' }, '')).toEqual([
      'input.name',
      'input.tagIds.1',
      'id',
    ]);
  });

  it('finds nothing in clean values of any type', () => {
    expect(nulPaths({ a: 'text', b: 1, c: null, d: [true, { e: 'f' }] }, '')).toEqual([]);
  });

  it('stops at 20 findings and at depth 32 (bounded work on hostile input)', () => {
    expect(nulPaths(Array(50).fill('\u0000'), 'v')).toHaveLength(20);
    let deep: unknown = '\u0000';
    for (let i = 0; i < 40; i++) deep = { x: deep };
    expect(nulPaths(deep, '')).toEqual([]);
  });
});

describe('badTextFields', () => {
  it('names lone surrogates (not storable as text or JSON) apart from NUL, and keeps proper pairs', () => {
    expect(badTextFields({ email: '\ud800', name: 'x\udc00', ok: 'emoji 😀', nul: '\u0000' }, '')).toEqual([
      { field: 'email', messages: ['must be valid Unicode (a lone surrogate is not a character)'] },
      { field: 'name', messages: ['must be valid Unicode (a lone surrogate is not a character)'] },
      { field: 'nul', messages: ['must not contain NUL characters (\\u0000)'] },
    ]);
  });
});
