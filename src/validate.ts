// Shape validation of SCIM messages against the JSON Schemas in schemas/.
// The schemas are read and compiled once per process, on first use; a violation
// is data (JSON pointer, rule, message), never an exception.

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { schemasDir } from './paths.ts'
import { SCHEMA_BASE_URL, XSD_DATE_TIME_PATTERN } from './scim/json-schema.ts'

export interface Violation {
  /** RFC 6901 JSON Pointer into the validated body; '' is the body itself. */
  readonly pointer: string
  /** The rule broken, citing its section: 'RFC7643 4.1.1 active is boolean'. */
  readonly rule: string
  readonly message: string
}

interface KindSpec {
  readonly schema: string
  /** For a ListResponse: the schema every element of Resources must meet. */
  readonly resources?: string
  /** Cited when the failing part of the schema names no rule of its own. */
  readonly section: string
}

export const responseKinds = {
  User: { schema: 'user.schema.json', section: 'RFC7643 4.1' },
  Group: { schema: 'group.schema.json', section: 'RFC7643 4.2' },
  'ListResponse<User>': { schema: 'list-response.schema.json', resources: 'user.schema.json', section: 'RFC7644 3.4.2' },
  'ListResponse<Group>': { schema: 'list-response.schema.json', resources: 'group.schema.json', section: 'RFC7644 3.4.2' },
  Error: { schema: 'error.schema.json', section: 'RFC7644 3.12' },
  ServiceProviderConfig: { schema: 'service-provider-config.schema.json', section: 'RFC7643 5' },
  ResourceType: { schema: 'resource-type.schema.json', section: 'RFC7643 6' },
  'ListResponse<ResourceType>': { schema: 'list-response.schema.json', resources: 'resource-type.schema.json', section: 'RFC7644 3.4.2' },
  Schema: { schema: 'schema.schema.json', section: 'RFC7643 7' },
  'ListResponse<Schema>': { schema: 'list-response.schema.json', resources: 'schema.schema.json', section: 'RFC7644 3.4.2' },
  PatchOp: { schema: 'patch-op.schema.json', section: 'RFC7644 3.5.2' },
  BulkRequest: { schema: 'bulk-request.schema.json', section: 'RFC7644 3.7' },
  BulkResponse: { schema: 'bulk-response.schema.json', section: 'RFC7644 3.7' },
} as const satisfies Record<string, KindSpec>

export type ResponseKind = keyof typeof responseKinds

// ajv-formats is CommonJS; under nodenext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

let ajv: Ajv2020 | undefined
const compiled = new Map<string, ValidateFunction>()

function instance(): Ajv2020 {
  if (ajv) return ajv
  // verbose: errors carry parentSchema, whose $comment names the rule. validateSchema: false, because
  // test/schemas.test.ts holds every file to the draft 2020-12 meta-schema; checking them again
  // compiled the meta-schema in every worker of every run (a tenth of a second of CPU each).
  const created = new Ajv2020({ allErrors: true, verbose: true, strictSchema: true, strictTypes: false, allowMatchingProperties: true, validateSchema: false })
  addFormats(created)
  const files = new Set<string>(Object.values(responseKinds).flatMap((k: KindSpec) => [k.schema, ...(k.resources ? [k.resources] : [])]))
  files.add('enterprise-user.schema.json')
  for (const file of files) created.addSchema(JSON.parse(readFileSync(path.join(schemasDir, file), 'utf8')) as object)
  ajv = created
  return created
}

function validatorFor(kind: ResponseKind): ValidateFunction {
  const cached = compiled.get(kind)
  if (cached) return cached
  const spec: KindSpec = responseKinds[kind]
  const a = instance()
  const validator = spec.resources
    ? a.compile({
        allOf: [{ $ref: SCHEMA_BASE_URL + spec.schema }],
        properties: { Resources: { items: { $ref: SCHEMA_BASE_URL + spec.resources } } },
      })
    : a.getSchema(SCHEMA_BASE_URL + spec.schema)
  if (!validator) throw new Error(`scim-conform: schema ${spec.schema} did not compile`)
  compiled.set(kind, validator)
  return validator
}

/** Validates a message body against the schema of what was asked for. */
export function validate(kind: ResponseKind, body: unknown): Violation[] {
  const validator = validatorFor(kind)
  if (validator(body)) return []
  return toViolations(validator.errors ?? [], responseKinds[kind].section)
}

/** Compiles a schema outside schemas/ (a target's declared schema) with the same settings, once per schema object. */
export function compileSchema(schema: object, section: string): (body: unknown) => Violation[] {
  const validator = instance().compile(schema)
  return (body) => (validator(body) ? [] : toViolations(validator.errors ?? [], section))
}

/** RFC 6901: one reference token, with '~' and '/' escaped. */
export function escapePointerToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1')
}

function commentOf(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined
  const comment = (schema as { $comment?: unknown }).$comment
  return typeof comment === 'string' ? comment : undefined
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 80 ? text.slice(0, 77) + '...' : text
}

const TYPE_PHRASE: Record<string, string> = {
  array: 'an array', object: 'an object', string: 'a string', boolean: 'boolean', integer: 'an integer', number: 'a number', null: 'null',
}

function toViolation(error: ErrorObject, section: string): Violation | undefined {
  const own = commentOf(error.parentSchema) ?? section
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    // if/then/else report the branch's own errors; the wrapper adds nothing.
    case 'if':
      return undefined
    case 'required': {
      const missing = String(params['missingProperty'])
      const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties
      const named = commentOf(properties?.[missing])
      return {
        pointer: `${error.instancePath}/${escapePointerToken(missing)}`,
        rule: named ? `${named} is present` : `${own}: ${missing} is present`,
        message: `required attribute "${missing}" is missing`,
      }
    }
    case 'type': {
      const expected = String(params['type'])
      return {
        pointer: error.instancePath,
        rule: `${own} is ${TYPE_PHRASE[expected] ?? expected}`,
        message: `must be ${TYPE_PHRASE[expected] ?? expected}, got ${describe(error.data)}`,
      }
    }
    case 'not':
      return {
        pointer: error.instancePath,
        rule: `${own} is never returned`,
        message: `attribute has returned "never" (RFC 7643 section 7) but is present: ${describe(error.data)}`,
      }
    case 'contains':
      return { pointer: error.instancePath, rule: commentOf(error.schema) ?? own, message: `got ${describe(error.data)}` }
    case 'pattern': {
      const dateTime = params['pattern'] === XSD_DATE_TIME_PATTERN
      return {
        pointer: error.instancePath,
        rule: dateTime ? `${own} is an xsd:dateTime` : `${own} matches ${String(params['pattern'])}`,
        message: `${dateTime ? 'must be an xsd:dateTime' : error.message ?? 'does not match'}, got ${describe(error.data)}`,
      }
    }
    default:
      return { pointer: error.instancePath, rule: `${own} ${error.message ?? error.keyword}`, message: `${error.message ?? error.keyword}, got ${describe(error.data)}` }
  }
}

function toViolations(errors: readonly ErrorObject[], section: string): Violation[] {
  const out: Violation[] = []
  const seen = new Set<string>()
  for (const error of errors) {
    const violation = toViolation(error, section)
    if (!violation) continue
    // An extension key is described twice (by name and by the URN pattern); report it once.
    const key = `${violation.pointer}\u0000${violation.message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(violation)
  }
  return out
}
