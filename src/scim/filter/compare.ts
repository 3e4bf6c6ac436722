// One attribute value against one comparison value, by RFC 7644 section 3.4.2.2
// (Table 3) and RFC 7643 section 2.3: strings honour caseExact, dateTimes compare
// chronologically, numbers and booleans by value. A value of another JSON type
// than the comparison value never matches (it is not "identical").

import type { CompareOperator, CompareValue } from './ast.ts'
import type { AttributeDefinition } from '../schema-model.ts'
import type { JsonValue } from '../types.ts'

/** The semantically invalid filter cases: a server answers them with 400 invalidFilter. */
export class FilterEvaluationError extends Error {
  override readonly name = 'FilterEvaluationError'
  readonly code = 'SCIM_FILTER_INVALID'
  readonly scimType = 'invalidFilter'
}

type OrderingOperator = Extract<CompareOperator, 'gt' | 'ge' | 'lt' | 'le'>

const ORDERING: ReadonlySet<CompareOperator> = new Set<OrderingOperator>(['gt', 'ge', 'lt', 'le'])

export function isOrdering(op: CompareOperator): op is OrderingOperator {
  return ORDERING.has(op)
}

/**
 * RFC 7644 section 3.4.2.2, gt/ge/lt/le: "Boolean and Binary attributes SHALL cause
 * a failed response (HTTP status code 400) with "scimType" of "invalidFilter"".
 * Complex values have no order either, and neither do true, false and null.
 */
export function checkOrdering(op: CompareOperator, expected: CompareValue, definition: AttributeDefinition | undefined, name: string): void {
  if (!isOrdering(op)) return
  const type = definition?.type
  if (type === 'boolean' || type === 'binary' || type === 'complex') {
    throw new FilterEvaluationError(`"${name}" is a ${type} attribute; "${op}" only orders strings, numbers and dateTimes (RFC 7644 section 3.4.2.2)`)
  }
  if (typeof expected === 'boolean' || expected === null) {
    throw new FilterEvaluationError(`"${op}" needs a string, number or dateTime to compare with, not ${String(expected)}`)
  }
}

/** Whether one stored value satisfies `op expected` (ordering already checked). */
export function compareOne(op: CompareOperator, actual: JsonValue, expected: CompareValue, definition: AttributeDefinition | undefined): boolean {
  if (op === 'ne') return !compareOne('eq', actual, expected, definition)
  if (typeof actual === 'string' && typeof expected === 'string') return compareStrings(op, actual, expected, definition)
  if (typeof actual === 'number' && typeof expected === 'number') return compareOrdered(op, actual, expected)
  if (typeof actual === 'boolean' && typeof expected === 'boolean') return op === 'eq' && actual === expected
  return false
}

function compareStrings(op: CompareOperator, actual: string, expected: string, definition: AttributeDefinition | undefined): boolean {
  if (definition?.type === 'dateTime' && op !== 'co' && op !== 'sw' && op !== 'ew') {
    const actualTime = Date.parse(actual)
    const expectedTime = Date.parse(expected)
    // RFC 7643 section 2.3.5: xsd:dateTime; compare instants, not spellings.
    if (!Number.isNaN(actualTime) && !Number.isNaN(expectedTime)) return compareOrdered(op, actualTime, expectedTime)
  }
  // RFC 7643 section 2.4: caseExact defaults to false for strings.
  const exact = definition?.caseExact ?? false
  const left = exact ? actual : actual.toLowerCase()
  const right = exact ? expected : expected.toLowerCase()
  switch (op) {
    case 'co':
      return left.includes(right)
    case 'sw':
      return left.startsWith(right)
    case 'ew':
      return left.endsWith(right)
    default:
      return compareOrdered(op, left, right)
  }
}

function compareOrdered<T extends number | string>(op: CompareOperator, left: T, right: T): boolean {
  switch (op) {
    case 'eq':
      return left === right
    case 'ne':
      return left !== right
    case 'gt':
      return left > right
    case 'ge':
      return left >= right
    case 'lt':
      return left < right
    case 'le':
      return left <= right
    default:
      return false // co/sw/ew on numbers: substrings of a number are not defined
  }
}
