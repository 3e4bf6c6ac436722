// Shape validation of SCIM messages against the JSON Schemas in schemas/, with validators
// compiled ahead of time (src/response-kinds.ts); a violation is data (JSON pointer, rule,
// message), never an exception.

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { schemasDir } from './paths.ts'
import { XSD_DATE_TIME_PATTERN } from './scim/json-schema.ts'
import { AJV_OPTIONS, responseKinds, validatorName, type KindSpec, type ResponseKind } from './response-kinds.ts'
import * as precompiled from './generated/response-validators.ts'

export interface Violation {
  /** RFC 6901 JSON Pointer into the validated body; '' is the body itself. */
  readonly pointer: string
  /** The rule broken, citing its section: 'RFC7643 4.1.1 active is boolean'. */
  readonly rule: string
  readonly message: string
}

// ajv-formats is CommonJS; under nodenext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

/** Validates a message body against the schema of what was asked for. */
export function validate(kind: ResponseKind, body: unknown): Violation[] {
  const validator = (precompiled as unknown as Record<string, ValidateFunction>)[validatorName(kind)]
  if (!validator) throw new Error(`scim-conform: no validator for ${kind}: run npm run schemas`)
  if (validator(body)) return []
  return toViolations(validator.errors ?? [], responseKinds[kind].section)
}

let ajv: Ajv2020 | undefined

/** An ajv with the options and the schemas the precompiled validators were built with. */
function instance(): Ajv2020 {
  if (ajv) return ajv
  const created = new Ajv2020(AJV_OPTIONS)
  addFormats(created)
  const files = new Set<string>(Object.values(responseKinds).flatMap((k: KindSpec) => [k.schema, ...(k.resources ? [k.resources] : [])]))
  files.add('enterprise-user.schema.json')
  for (const file of files) created.addSchema(JSON.parse(readFileSync(path.join(schemasDir, file), 'utf8')) as object)
  ajv = created
  return created
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
