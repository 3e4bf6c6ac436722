import type { AttrPath, Filter } from '../filter/ast.ts'

// RFC 7644 section 3.5.2: PATH = attrPath / valuePath [subAttr]
export type PatchPath =
  | { readonly kind: 'attr'; readonly path: AttrPath }
  | { readonly kind: 'valuePath'; readonly path: AttrPath; readonly filter: Filter; readonly sub?: string }
