import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageRoot } from '../src/paths.ts'
import { outsideReferences } from './outside-references.ts'

// A clone of the repository has nothing beside it, so no tracked file outside docs/ may refer to
// a path outside the repository: the tests would not pass and users could not follow the reference.

// Written in pieces so this file does not hold the pattern it looks for.
const up = '..' + '/'

/** Relative paths that are data, not references to files, each with the reason it may stay. */
const notReferences = [
  { file: 'suites/security.suite.ts', written: `${up}${up}etc/passwd`, why: 'a path-traversal probe sent as a filter value to the server under test' },
  { file: 'test/validate.test.ts', written: `${up}Users/26118915-6090-4610-87e4-49d8ca9f808d`, why: "a manager $ref from RFC 7643's example User, relative to the server's own URL" },
] as const

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: packageRoot, encoding: 'utf8' }).split('\0').filter((file) => file !== '')
}

describe('the detector of references outside the repository', () => {
  const tracked = new Set(['src/paths.ts', 'src/report/model.ts', 'schemas/profile.schema.json', 'test/helpers.ts'])

  it('flags a folder beside the repository, written relative to the root in a subfolder file', () => {
    expect(outsideReferences('schemas/profile.schema.json', `"File name of the tutorial in ${up}shared/seeds, when there is one."`, tracked))
      .toEqual([{ file: 'schemas/profile.schema.json', line: 1, written: `${up}shared/seeds`, reason: 'names nothing in the repository' }])
    expect(outsideReferences('test/profiles.test.ts', `const a = 1\nconst sharedDir = path.resolve(packageRoot, '${up}shared')`, tracked))
      .toEqual([{ file: 'test/profiles.test.ts', line: 2, written: `${up}shared`, reason: 'names nothing in the repository' }])
  })

  it('flags a path that climbs above the root from the file it is written in', () => {
    expect(outsideReferences('README.md', `see [the notes](${up}shared/STYLE.md)`, tracked).map((found) => found.reason))
      .toEqual(['climbs above the repository root'])
    expect(outsideReferences('test/x.test.ts', `import '${up}${up}src/paths.ts'`, tracked).map((found) => found.written))
      .toEqual([`${up}${up}src/paths.ts`])
  })

  it('accepts relative imports that stay inside the repository, and prose ellipses', () => {
    expect(outsideReferences('reporters/html/charts.ts', `import type { X } from '${up}${up}src/report/model.ts'`, tracked)).toEqual([])
    expect(outsideReferences('test/safety/interrupt.test.ts', `import { a } from '${up}helpers.ts'`, tracked)).toEqual([])
    expect(outsideReferences('src/kit/observe.ts', `/** .${up}Users/abc?x → .${up}Users */`, tracked)).toEqual([])
    expect(outsideReferences('src/paths.ts', `new URL('${up}src/', import.meta.url)`, tracked)).toEqual([])
  })
})

describe('the repository stands on its own', () => {
  it('no tracked file outside docs/ refers to a path outside the repository', () => {
    const files = trackedFiles()
    const tracked = new Set(files)
    const found = files
      .filter((file) => !file.startsWith('docs/'))
      .map((file) => ({ file, text: readFileSync(path.join(packageRoot, file), 'utf8') }))
      .filter(({ text }) => !text.includes('\0'))
      .flatMap(({ file, text }) => outsideReferences(file, text, tracked))
    const same = (a: { file: string; written: string }, b: { file: string; written: string }): boolean => a.file === b.file && a.written === b.written
    const unexcused = found.filter((reference) => !notReferences.some((entry) => same(entry, reference)))
    expect(unexcused.map((reference) => `${reference.file}:${reference.line} ${reference.written} (${reference.reason})`)).toEqual([])
    // An excuse whose text is gone would hide the next offender written the same way.
    for (const entry of notReferences) expect(found.some((reference) => same(entry, reference)), `${entry.file} still holds ${entry.written}`).toBe(true)
  })
})
