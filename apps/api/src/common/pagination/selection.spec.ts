import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { selectsField } from './selection';

/** The resolve info of the first root field of `document`, as far as selectsField reads it. */
function infoOf(document: string) {
  const ast = parse(document);
  const operation = ast.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const field = operation?.selectionSet.selections[0] as FieldNode;
  const fragments = Object.fromEntries(
    ast.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  return { fieldNodes: [field], fragments };
}

describe('selectsField', () => {
  it('finds a field selected directly, in an inline fragment or in a named fragment', () => {
    expect(selectsField(infoOf('{ products { totalCount edges { cursor } } }'), 'totalCount')).toBe(true);
    expect(selectsField(infoOf('{ products { ... on ProductConnection { totalCount } } }'), 'totalCount')).toBe(true);
    expect(
      selectsField(
        infoOf(
          '{ products { ...A } } fragment A on ProductConnection { ...B } fragment B on ProductConnection { totalCount }',
        ),
        'totalCount',
      ),
    ).toBe(true);
  });

  it('follows a path of fields, through aliases and fragments', () => {
    const info = infoOf(
      '{ products { e: edges { ...N } } } fragment N on ProductEdge { node { who: owner { email } } }',
    );
    expect(selectsField(info, ['edges', 'node', 'owner'])).toBe(true);
    expect(selectsField(info, ['edges', 'node', 'tags'])).toBe(false);
    expect(selectsField(info, ['edges', 'cursor'])).toBe(false);
  });

  it('does not look below the current field’s own selection, and survives a fragment cycle', () => {
    expect(selectsField(infoOf('{ products { edges { node { totalCount: name } } } }'), 'totalCount')).toBe(false);
    expect(selectsField(infoOf('{ products { edges { cursor } } }'), 'totalCount')).toBe(false);
    expect(
      selectsField(
        infoOf('{ products { ...A } } fragment A on ProductConnection { ...A edges { cursor } }'),
        'totalCount',
      ),
    ).toBe(false);
  });
});
