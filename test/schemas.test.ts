import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { schemasDir } from '../src/paths.ts'
import { SCHEMA_BASE_URL, resourceJsonSchemas } from '../src/scim/json-schema.ts'
import { coreSchemas } from '../src/scim/core-schemas.ts'
import { validate } from '../src/validate.ts'
import { responseKinds } from '../src/response-kinds.ts'
import { checkSchemaRepresentation } from '../src/kit/schema-representation.ts'
import { responseValidatorsSource, serializeSchema, validatorsFile } from '../scripts/generate-schemas.ts'

function readSchemaFile(file: string): string {
  return readFileSync(path.join(schemasDir, file), 'utf8')
}

const messageSchemaFiles = [
  'list-response.schema.json', 'error.schema.json', 'patch-op.schema.json', 'bulk-request.schema.json',
  'bulk-response.schema.json', 'service-provider-config.schema.json', 'resource-type.schema.json', 'schema.schema.json',
]

describe('schemas/', () => {
  it('src/generated/response-validators.ts is compiled from them as they are (run npm run schemas)', () => {
    expect(readFileSync(validatorsFile, 'utf8') === responseValidatorsSource(), 'the precompiled validators are stale: run npm run schemas').toBe(true)
  })

  it.each(Object.entries(resourceJsonSchemas()))('%s equals the generator output (run scripts/generate-schemas.ts)', (file, schema) => {
    expect(readSchemaFile(file)).toBe(serializeSchema(schema))
  })

  it.each([...Object.keys(resourceJsonSchemas()), ...messageSchemaFiles])('%s is a valid draft 2020-12 schema with its own $id', (file) => {
    const schema = JSON.parse(readSchemaFile(file)) as { $id?: string; $schema?: string }
    expect(schema.$id).toBe(SCHEMA_BASE_URL + file)
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    const ajv = new Ajv2020({ strict: false })
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true)
  })

  it('every file a response kind names exists', () => {
    const named = new Set(Object.values(responseKinds).flatMap((k) => ('resources' in k ? [k.schema, k.resources] : [k.schema])))
    for (const file of named) expect(() => readSchemaFile(file), file).not.toThrow()
  })
})

describe('the core schema definitions as /Schemas entries (RFC 7643 8.7.1)', () => {
  const entries = coreSchemas.map((s) => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'], ...s }))

  it.each(entries.map((e) => [e.id, e] as const))('%s passes schema.schema.json and the section 7 checks', (_id, entry) => {
    expect(validate('Schema', entry)).toEqual([])
    expect(checkSchemaRepresentation(JSON.parse(JSON.stringify(entry)))).toEqual([])
  })

  it('all three as a ListResponse<Schema>', () => {
    const list = { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 3, Resources: entries }
    expect(validate('ListResponse<Schema>', list)).toEqual([])
  })
})
