import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

type Info = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/** The fields directly in `sets` (through fragments and inline fragments, whatever their directives). */
function fieldsOf(info: Info, sets: SelectionSetNode[]): FieldNode[] {
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const stack = [...sets];
  for (let set = stack.pop(); set; set = stack.pop()) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        fields.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        stack.push(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        // Validation has checked that every spread names a fragment of the document.
        if (Object.hasOwn(info.fragments, selection.name.value)) {
          stack.push(info.fragments[selection.name.value].selectionSet);
        }
      }
    }
  }
  return fields;
}

/**
 * Whether the client's selection of the current field holds `path`, a field
 * name or a path of them (`['edges', 'node', 'owner']`), under any alias: a
 * hint to read what it needs in fewer statements, never a decision about
 * what the answer holds.
 */
export function selectsField(info: Info, path: string | readonly string[]): boolean {
  let sets = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  const names = typeof path === 'string' ? [path] : path;
  for (const [i, name] of names.entries()) {
    const matching = fieldsOf(info, sets).filter((field) => field.name.value === name);
    if (matching.length === 0) return false;
    if (i === names.length - 1) return true;
    sets = matching.flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
  }
  return false;
}

/** What a connection's statement reads beyond the page: the COUNT when the client selects totalCount. */
export function pageReads(info: Info): { count: boolean } {
  return { count: selectsField(info, 'totalCount') };
}
