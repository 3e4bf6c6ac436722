// Writes the generated resource schemas of schemas/ from src/scim/core-schemas.ts.
// Run after changing core-schemas.ts: `npx tsx scripts/generate-schemas.ts`.
// test/schemas.test.ts fails while the files and this output differ.

import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { schemasDir } from '../src/paths.ts'
import { resourceJsonSchemas } from '../src/scim/json-schema.ts'

/** The exact text a generated file holds. */
export function serializeSchema(schema: unknown): string {
  return JSON.stringify(schema, null, 2) + '\n'
}

function main(): void {
  for (const [file, schema] of Object.entries(resourceJsonSchemas())) {
    writeFileSync(path.join(schemasDir, file), serializeSchema(schema))
    console.log(`wrote schemas/${file}`)
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main()
