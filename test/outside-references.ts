import path from 'node:path'

// Finds relative paths written in a repository file that lead out of the repository. Each is
// resolved against the file's own folder, as an import or a $schema would be: a path that climbs
// above the root escapes it; one that stays inside but names nothing the repository holds was
// meant against some other base (`path.resolve(packageRoot, '<up>shared')`, prose that says
// "in <up>shared/seeds"), which is how a folder beside the repository gets referred to.

export interface OutsideReference {
  /** The file, relative to the repository root, with forward slashes. */
  readonly file: string
  readonly line: number
  /** The relative path as written. */
  readonly written: string
  readonly reason: 'climbs above the repository root' | 'names nothing in the repository'
}

// A run of "../" (optionally after "./"), not inside a longer word or an ellipsis like ".../Users".
const relativePath = /(?<![\w.~/-])(?:\.\/)?(?:\.\.\/)+[^\s'"`)\]},;<>|*]*/g

/** trackedPaths: every file the repository holds, relative to its root with forward slashes. */
export function outsideReferences(file: string, text: string, trackedPaths: ReadonlySet<string>): OutsideReference[] {
  const found: OutsideReference[] = []
  for (const match of text.matchAll(relativePath)) {
    const written = match[0].replace(/[.,:;!?]+$/, '')
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), written)).replace(/\/$/, '')
    const line = text.slice(0, match.index).split('\n').length
    if (resolved === '..' || resolved.startsWith('../')) {
      found.push({ file, line, written, reason: 'climbs above the repository root' })
    } else if (!holds(trackedPaths, resolved)) {
      found.push({ file, line, written, reason: 'names nothing in the repository' })
    }
  }
  return found
}

function holds(trackedPaths: ReadonlySet<string>, resolved: string): boolean {
  if (resolved === '.' || trackedPaths.has(resolved)) return true
  const folder = `${resolved}/`
  for (const tracked of trackedPaths) if (tracked.startsWith(folder)) return true
  return false
}
