// Filter AST → the string sent on the wire (RFC 7644 section 3.4.2.2). Parentheses
// appear only where precedence needs them ("and" binds tighter than "or", both
// associate to the left), so parseFilter(formatFilter(ast)) deep-equals ast.

import type { AttrPath, CompareValue, Filter } from './ast.ts'
import type { PatchPath } from '../patch/path-ast.ts'

export function formatFilter(filter: Filter): string {
  switch (filter.kind) {
    case 'compare':
      return `${formatAttrPath(filter.path)} ${filter.op} ${formatCompValue(filter.value)}`
    case 'present':
      return `${formatAttrPath(filter.path)} pr`
    case 'not':
      return `not (${formatFilter(filter.filter)})`
    case 'valuePath':
      return `${formatAttrPath(filter.path)}[${formatFilter(filter.filter)}]`
    case 'and':
      // An "or" on either side, or an "and" on the right, would regroup without parentheses.
      return `${group(filter.left, filter.left.kind === 'or')} and ${group(filter.right, filter.right.kind === 'or' || filter.right.kind === 'and')}`
    case 'or':
      return `${formatFilter(filter.left)} or ${group(filter.right, filter.right.kind === 'or')}`
  }
}

function group(filter: Filter, needed: boolean): string {
  return needed ? `(${formatFilter(filter)})` : formatFilter(filter)
}

/** `[URI ":"] ATTRNAME ["." subAttr]`, in the case it was written. */
export function formatAttrPath(path: AttrPath): string {
  const qualified = path.uri === undefined ? path.attr : `${path.uri}:${path.attr}`
  return path.sub === undefined ? qualified : `${qualified}.${path.sub}`
}

/** RFC 7644 section 3.5.2: PATH = attrPath / valuePath [subAttr]. */
export function formatPatchPath(path: PatchPath): string {
  if (path.kind === 'attr') return formatAttrPath(path.path)
  const valuePath = `${formatAttrPath(path.path)}[${formatFilter(path.filter)}]`
  return path.sub === undefined ? valuePath : `${valuePath}.${path.sub}`
}

/** JSON text (RFC 7159): strings escaped, -0 kept so it reads back as -0. */
export function formatCompValue(value: CompareValue): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`${value} has no JSON form and cannot appear in a filter`)
    if (Object.is(value, -0)) return '-0'
  }
  return JSON.stringify(value)
}

/**
 * The wire string as Entra writes it: a value path whose last condition is on a
 * sub-attribute comes out as `emails[type eq "work"].value eq "x"` (Microsoft's Entra SCIM
 * documentation), which parseFilter reads back as the same AST as the RFC form.
 */
export function formatEntraFilter(filter: Filter): string {
  switch (filter.kind) {
    case 'valuePath': {
      const last = filter.filter
      if (last.kind === 'and' && last.right.kind === 'compare' && last.right.path.uri === undefined && last.right.path.sub === undefined) {
        return `${formatAttrPath(filter.path)}[${formatFilter(last.left)}].${last.right.path.attr} ${last.right.op} ${formatCompValue(last.right.value)}`
      }
      return formatFilter(filter)
    }
    case 'and':
      if (filter.left.kind === 'or' || filter.right.kind === 'or' || filter.right.kind === 'and') return formatFilter(filter)
      return `${formatEntraFilter(filter.left)} and ${formatEntraFilter(filter.right)}`
    default:
      return formatFilter(filter)
  }
}
