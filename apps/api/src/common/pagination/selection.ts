import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the client's selection of the current field holds `name` directly
 * (through fragments and inline fragments too, whatever their directives):
 * a hint to read what it needs in fewer statements, never a decision about
 * what the answer holds.
 */
export function selectsField(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, name: string): boolean {
  const seen = new Set<string>();
  const stack: SelectionSetNode[] = [];
  for (const node of info.fieldNodes) if (node.selectionSet) stack.push(node.selectionSet);
  for (let set = stack.pop(); set; set = stack.pop()) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) return true;
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
  return false;
}
