import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { packageRoot } from '../src/paths.ts'

// The mapping tables of the public tutorials the built-in profiles describe, kept in
// test/fixtures/tutorial-mappings so the profile tests need nothing outside the repository.
// Each fixture names the url and ms.date of the revision it was read from.

export const tutorialMappingsDir = path.join(packageRoot, 'test', 'fixtures', 'tutorial-mappings')

export interface TableRow {
  readonly path: string
  readonly type: string
  /** undefined when the table has no "Supported for filtering" column. */
  readonly filterable?: boolean
  /** undefined when the table has no "Required by <app>" column. */
  readonly required?: boolean
}

interface TutorialRevision {
  readonly app: string
  readonly url: string
  /** As the tutorial's front matter writes it: MM/DD/YYYY. */
  readonly msDate: string
}

export type GalleryTutorial = TutorialRevision & (
  | { readonly mappingShownAs: 'text-tables'; readonly user: readonly TableRow[]; readonly group: readonly TableRow[] }
  | { readonly mappingShownAs: 'screenshots'; readonly mappingScreenshots: readonly { readonly image: string; readonly alt: string }[] }
)

/** Entra's default mapping: Entra source attribute to SCIM target path, as the document writes both. */
export interface DefaultMapping extends TutorialRevision {
  readonly section: string
  readonly user: readonly { readonly source: string; readonly target: string }[]
  readonly group: readonly { readonly source: string; readonly target: string }[]
}

/** File names without .json: one per tutorial revision, e.g. zip, zscaler, zscaler-0a977237. */
export function tutorialFixtureNames(): string[] {
  return readdirSync(tutorialMappingsDir).filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -'.json'.length)).sort()
}

function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(path.join(tutorialMappingsDir, `${name}.json`), 'utf8'))
}

export function galleryTutorial(name: string): GalleryTutorial {
  return readFixture(name) as GalleryTutorial
}

export function textTablesOf(name: string): { readonly user: readonly TableRow[]; readonly group: readonly TableRow[] } {
  const tutorial = galleryTutorial(name)
  if (tutorial.mappingShownAs !== 'text-tables') throw new Error(`${name}: the tutorial shows its mapping as ${tutorial.mappingShownAs}, not text tables`)
  return tutorial
}

export function entraDefaultMapping(): DefaultMapping {
  return readFixture('entra') as DefaultMapping
}
