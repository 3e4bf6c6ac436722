// RFC 7643 section 2.4: the "primary" value true appears no more than once.
// RFC 7644 section 3.5.2: setting it true on one value "SHALL cause the server to
// automatically set 'primary' to 'false' for any other values in the array".

import type { JsonValue } from '../types.ts'
import { reject } from './errors.ts'
import { findKey, isObject } from './values.ts'

function isPrimary(element: JsonValue | undefined): boolean {
  if (!isObject(element)) return false
  const key = findKey(element, 'primary')
  return key !== undefined && element[key] === true
}

/**
 * `touched` are the indexes the operation wrote. If one of them is primary, every
 * other element that was primary becomes primary false (elements without a
 * "primary" are left without one). Two touched elements both primary is 400 invalidValue.
 */
export function enforcePrimary(elements: JsonValue[], touched: ReadonlySet<number>, label: string): void {
  const primaries = [...touched].filter((i) => isPrimary(elements[i]))
  if (primaries.length > 1) reject('invalidValue', `"${label}": more than one value would be primary (RFC 7643 section 2.4)`)
  if (primaries.length === 0) return
  elements.forEach((element, i) => {
    if (touched.has(i) || !isObject(element) || !isPrimary(element)) return
    elements[i] = { ...element, [findKey(element, 'primary') ?? 'primary']: false }
  })
}
