import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { existsSync } from 'node:fs'

// The package root is the folder holding package.json: one level up from src/
// in development, two levels up from dist/src/ when installed.
function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('scim-conform: package.json not found above ' + fileURLToPath(import.meta.url))
    dir = parent
  }
  return dir
}

export const packageRoot = findPackageRoot()
export const schemasDir = path.join(packageRoot, 'schemas')
export const profilesDir = path.join(packageRoot, 'profiles')
/** suites/ beside this module's own tree: suites/ in development, dist/suites/ when installed. */
export const suitesDir = fileURLToPath(new URL('../suites/', import.meta.url))
/** The run's vitest setup file, compiled beside this module when installed. */
export const fileHooks = fileURLToPath(new URL(`./kit/file-hooks${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url))
