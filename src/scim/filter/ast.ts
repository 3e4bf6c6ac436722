// The filter AST for RFC 7644 section 3.4.2.2. Generators build these, format.ts
// prints them for the wire, evaluate.ts judges them, parse.ts reads them back.

/** attrPath = [URI ":"] ATTRNAME *1subAttr. Names keep the case they were written in. */
export interface AttrPath {
  readonly uri?: string
  readonly attr: string
  readonly sub?: string
}

export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'lt' | 'ge' | 'le'

/** compValue = false / null / true / number / string */
export type CompareValue = string | number | boolean | null

export type Filter =
  | { readonly kind: 'compare'; readonly path: AttrPath; readonly op: CompareOperator; readonly value: CompareValue }
  | { readonly kind: 'present'; readonly path: AttrPath }
  | { readonly kind: 'and'; readonly left: Filter; readonly right: Filter }
  | { readonly kind: 'or'; readonly left: Filter; readonly right: Filter }
  | { readonly kind: 'not'; readonly filter: Filter }
  /** attrPath "[" valFilter "]": the inner filter's paths are relative to the multi-valued attribute. */
  | { readonly kind: 'valuePath'; readonly path: AttrPath; readonly filter: Filter }
