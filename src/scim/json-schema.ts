// RFC 7643 schema representation (section 7) → JSON Schema draft 2020-12.
// The resource schemas in schemas/ are generated from core-schemas.ts by this
// function, and a target's own /Schemas entries go through it too, so one
// description of an attribute drives both.
//
// Each attribute's JSON Schema carries a `$comment` naming the rule it encodes
// ("RFC7643 4.1.1 active"); the validator reads it back to label violations.

import type { AttributeDefinition, SchemaDefinition } from './schema-model.ts'
import { commonAttributes, enterpriseUserSchema, groupSchema, userSchema } from './core-schemas.ts'

export type JsonSchema = { readonly [key: string]: unknown } | boolean

export interface JsonSchemaOptions {
  /** `$id` of the produced schema; omitted when absent. */
  readonly id?: string
  /**
   * 'response' forbids returned:never attributes (RFC 7643 section 7, "returned").
   * 'request' lets them through (a client sends password).
   */
  readonly mode: 'response' | 'request'
  /** Also describe id, externalId and meta and require schemas (a resource, not an extension object). */
  readonly resource?: {
    readonly commonAttributes: readonly AttributeDefinition[]
    /** Top-level keys a response must carry; RFC 7643 section 3 and 3.1 make these schemas, id and meta. */
    readonly requiredOnResponse: readonly string[]
    /** Extension schemas, each described under its URN key (RFC 7643 section 3.3). */
    readonly extensions?: readonly SchemaDefinition[]
  }
  /** `$comment` of the schema's root, naming the rule a wrong root type breaks. */
  readonly rootRule?: string
  /** Labels an attribute's rule, e.g. `RFC7643 4.1.1 active`; schema is the one the attribute belongs to. */
  readonly ruleLabel: (attributePath: string, schema: SchemaDefinition) => string
}

/**
 * xsd:dateTime (RFC 7643 section 2.3.5): the time zone is optional, unlike RFC 3339,
 * so ajv-formats' "date-time" would reject valid SCIM values such as 2011-05-13T04:42:34.
 */
export const XSD_DATE_TIME_PATTERN =
  '^-?[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])?$'

function scalarSchema(attribute: AttributeDefinition): Record<string, unknown> {
  switch (attribute.type) {
    case 'string':
    case 'reference':
      return { type: 'string' }
    // RFC 7643 section 2.3.6: base64-encoded.
    case 'binary':
      return { type: 'string', contentEncoding: 'base64' }
    case 'boolean':
      return { type: 'boolean' }
    case 'decimal':
      return { type: 'number' }
    case 'integer':
      return { type: 'integer' }
    case 'dateTime':
      return { type: 'string', pattern: XSD_DATE_TIME_PATTERN }
    case 'complex':
      return { type: 'object' }
  }
}

function valueSchema(attribute: AttributeDefinition, path: string, owner: SchemaDefinition, options: JsonSchemaOptions): Record<string, unknown> {
  const schema = scalarSchema(attribute)
  if (attribute.type !== 'complex') return schema
  return { ...schema, properties: propertiesOf(attribute.subAttributes ?? [], path, owner, options) }
}

function attributeSchema(attribute: AttributeDefinition, path: string, owner: SchemaDefinition, options: JsonSchemaOptions): JsonSchema {
  const $comment = options.ruleLabel(path, owner)
  if (options.mode === 'response' && attribute.returned === 'never') return { $comment, not: {} }
  const value = { $comment, ...valueSchema(attribute, path, owner, options) }
  // RFC 7643 section 2.4: a multi-valued attribute is a JSON array.
  return attribute.multiValued ? { $comment, type: 'array', items: value } : value
}

function propertiesOf(
  attributes: readonly AttributeDefinition[],
  parentPath: string,
  owner: SchemaDefinition,
  options: JsonSchemaOptions,
): Record<string, JsonSchema> {
  const properties: Record<string, JsonSchema> = {}
  for (const attribute of attributes) {
    const path = parentPath ? `${parentPath}.${attribute.name}` : attribute.name
    properties[attribute.name] = attributeSchema(attribute, path, owner, options)
  }
  return properties
}

/**
 * RFC 7643 section 7 schema → JSON Schema. Required attributes are not enforced
 * (a response may leave out attributes the request did not ask for, RFC 7644
 * section 3.9); unknown keys are allowed (servers add attributes and extensions),
 * but any key that is a URN must hold an object (RFC 7643 section 3.3).
 */
export function toJsonSchema(definition: SchemaDefinition, options: JsonSchemaOptions): Record<string, unknown> {
  const properties: Record<string, JsonSchema> = {}
  const resource = options.resource
  if (resource) {
    properties['schemas'] = {
      $comment: 'RFC7643 3 schemas',
      type: 'array',
      minItems: 1,
      items: { $comment: 'RFC7643 3 schemas', type: 'string' },
    }
    Object.assign(properties, propertiesOf(resource.commonAttributes, '', definition, options))
  }
  Object.assign(properties, propertiesOf(definition.attributes, '', definition, options))
  for (const extension of resource?.extensions ?? []) {
    properties[extension.id] = toJsonSchema(extension, { mode: options.mode, ruleLabel: options.ruleLabel, rootRule: `RFC7643 3.3 ${extension.id}` })
  }
  return {
    ...(options.id ? { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: options.id } : {}),
    title: definition.name,
    ...(definition.description ? { description: definition.description } : {}),
    ...(options.rootRule ? { $comment: options.rootRule } : {}),
    type: 'object',
    ...(resource && options.mode === 'response' ? { required: [...resource.requiredOnResponse] } : {}),
    properties,
    patternProperties: { '^[uU][rR][nN]:': { $comment: 'RFC7643 3.3 extension', type: 'object' } },
  }
}

export const SCHEMA_BASE_URL = 'https://scim-conform.dev/schemas/'

/** RFC 7643 section 3 and 3.1: schemas and id on every representation; meta as the issue and Entra expect it. */
const REQUIRED_ON_RESPONSE = ['schemas', 'id', 'meta'] as const

function sectionOf(schema: SchemaDefinition, topLevelName: string): string {
  if (commonAttributes.some((a) => a.name === topLevelName)) return '3.1'
  if (schema === groupSchema) return '4.2'
  if (schema === enterpriseUserSchema) return '4.3'
  const top = schema.attributes.find((a) => a.name === topLevelName)
  return top?.multiValued ? '4.1.2' : '4.1.1'
}

const rfcLabel: JsonSchemaOptions['ruleLabel'] = (path, schema) => `RFC7643 ${sectionOf(schema, path.split('.')[0] ?? path)} ${path}`

/**
 * The generated files of schemas/, by file name: the response schemas of the
 * RFC 7643 resources. scripts/generate-schemas.ts writes them; test/schemas.test.ts
 * proves the files on disk still equal this output.
 */
export function resourceJsonSchemas(): Record<string, Record<string, unknown>> {
  return {
    'user.schema.json': toJsonSchema(userSchema, {
      id: `${SCHEMA_BASE_URL}user.schema.json`,
      mode: 'response',
      rootRule: 'RFC7643 4.1 User',
      resource: { commonAttributes, requiredOnResponse: REQUIRED_ON_RESPONSE, extensions: [enterpriseUserSchema] },
      ruleLabel: rfcLabel,
    }),
    'group.schema.json': toJsonSchema(groupSchema, {
      id: `${SCHEMA_BASE_URL}group.schema.json`,
      mode: 'response',
      rootRule: 'RFC7643 4.2 Group',
      resource: { commonAttributes, requiredOnResponse: REQUIRED_ON_RESPONSE },
      ruleLabel: rfcLabel,
    }),
    'enterprise-user.schema.json': toJsonSchema(enterpriseUserSchema, {
      id: `${SCHEMA_BASE_URL}enterprise-user.schema.json`,
      mode: 'response',
      rootRule: `RFC7643 4.3 ${enterpriseUserSchema.id}`,
      ruleLabel: rfcLabel,
    }),
  }
}
