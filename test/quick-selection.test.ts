import { it, expect } from 'vitest'
import { faultsTouchedBy } from './quick/changed.ts'
import type { Fault } from './faults/index.ts'

const fault = (id: string, breaks: string[]): Fault => ({ id, defect: id, breaks, wrap: (handle) => handle })
const byFile = {
  core: [fault('a', ['users.create.returns-resource']), fault('b', ['groups.get.by-id'])],
  filters: [fault('c', ['filters.pagination', 'entra.gallery.user-pagination'])],
}
const ids = (files: string[]) => faultsTouchedBy(files, byFile).map((f) => f.id)

it('a changed suite file selects the faults that break one of its checks', () => {
  expect(ids(['suites/users.suite.ts'])).toEqual(['a'])
  expect(ids(['suites/entra-gallery.suite.ts'])).toEqual(['c'])
})

it('a changed fault file selects its own faults', () => {
  expect(ids(['test/faults/core.ts'])).toEqual(['a', 'b'])
})

it('a change elsewhere selects no fault: npm test runs them all', () => {
  expect(ids(['src/run/run.ts', 'README.md'])).toEqual([])
})
