// RFC 7643 section 8.7.1: the User, Group and Enterprise User schema representations,
// as a server returns them from /Schemas. They are data: the JSON Schemas in schemas/,
// the filter and PATCH oracles and the reference server all read these values.
//
// Attributes omitted from a characteristic take the RFC 7643 section 2.2 defaults
// (required false, caseExact false, mutability readWrite, returned default,
// uniqueness none, multiValued false). Where 8.7.1 leaves a characteristic out
// (active, primary), that default is the value.

import type { AttributeDefinition, SchemaDefinition } from './schema-model.ts'
import { SCHEMA_URN } from './schema-model.ts'

type Characteristics = Partial<Omit<AttributeDefinition, 'name' | 'type'>>

function attr(name: string, type: AttributeDefinition['type'], more: Characteristics = {}): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...more,
  }
}

function complex(name: string, subAttributes: readonly AttributeDefinition[], more: Characteristics = {}): AttributeDefinition {
  return attr(name, 'complex', { ...more, subAttributes })
}

/**
 * The value/display/type/primary pattern of RFC 7643 section 2.4 that most
 * multi-valued User attributes follow (emails, phoneNumbers, ims, photos, ...).
 */
function multiValuedPlural(
  name: string,
  options: { valueType?: AttributeDefinition['type']; referenceTypes?: readonly string[]; canonicalTypes?: readonly string[] } = {},
): AttributeDefinition {
  const value = attr('value', options.valueType ?? 'string', options.referenceTypes ? { referenceTypes: options.referenceTypes } : {})
  const type = attr('type', 'string', options.canonicalTypes ? { canonicalValues: options.canonicalTypes } : {})
  return complex(name, [value, attr('display', 'string'), type, attr('primary', 'boolean')], { multiValued: true })
}

/**
 * RFC 7643 section 3.1: attributes of every resource, not part of any schema's
 * attribute list. The RFC requires `id` on every representation a server returns;
 * `required` stays false here because clients never send it (it is readOnly),
 * and the response rules enforce it instead.
 */
export const commonAttributes: readonly AttributeDefinition[] = [
  attr('id', 'string', { caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' }),
  attr('externalId', 'string', { caseExact: true }),
  complex(
    'meta',
    [
      attr('resourceType', 'string', { caseExact: true, mutability: 'readOnly' }),
      attr('created', 'dateTime', { mutability: 'readOnly' }),
      attr('lastModified', 'dateTime', { mutability: 'readOnly' }),
      attr('location', 'reference', { caseExact: true, mutability: 'readOnly', referenceTypes: ['uri'] }),
      attr('version', 'string', { caseExact: true, mutability: 'readOnly' }),
    ],
    { mutability: 'readOnly' },
  ),
]

const nameParts = ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix']

const addressParts = ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country']

/** RFC 7643 section 8.7.1, "urn:ietf:params:scim:schemas:core:2.0:User" (section 4.1). */
export const userSchema: SchemaDefinition = {
  id: SCHEMA_URN.user,
  name: 'User',
  description: 'User Account',
  attributes: [
    attr('userName', 'string', { required: true, uniqueness: 'server' }),
    complex('name', nameParts.map((part) => attr(part, 'string'))),
    attr('displayName', 'string'),
    attr('nickName', 'string'),
    attr('profileUrl', 'reference', { referenceTypes: ['external'] }),
    attr('title', 'string'),
    attr('userType', 'string'),
    attr('preferredLanguage', 'string'),
    attr('locale', 'string'),
    attr('timezone', 'string'),
    attr('active', 'boolean'),
    attr('password', 'string', { mutability: 'writeOnly', returned: 'never' }),
    multiValuedPlural('emails', { canonicalTypes: ['work', 'home', 'other'] }),
    multiValuedPlural('phoneNumbers', { canonicalTypes: ['work', 'home', 'mobile', 'fax', 'pager', 'other'] }),
    multiValuedPlural('ims', { canonicalTypes: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'] }),
    multiValuedPlural('photos', { valueType: 'reference', referenceTypes: ['external'], canonicalTypes: ['photo', 'thumbnail'] }),
    // 8.7.1 lists no `primary` for addresses, but section 4.1.2 and the section 8.2
    // example use it (and Entra filters on addresses[type eq "work"] with primary).
    complex(
      'addresses',
      [
        ...addressParts.map((part) => attr(part, 'string')),
        attr('type', 'string', { canonicalValues: ['work', 'home', 'other'] }),
        attr('primary', 'boolean'),
      ],
      { multiValued: true },
    ),
    complex(
      'groups',
      [
        attr('value', 'string', { mutability: 'readOnly' }),
        attr('$ref', 'reference', { mutability: 'readOnly', referenceTypes: ['User', 'Group'] }),
        attr('display', 'string', { mutability: 'readOnly' }),
        attr('type', 'string', { mutability: 'readOnly', canonicalValues: ['direct', 'indirect'] }),
      ],
      { multiValued: true, mutability: 'readOnly' },
    ),
    multiValuedPlural('entitlements'),
    multiValuedPlural('roles'),
    multiValuedPlural('x509Certificates', { valueType: 'binary' }),
  ],
}

/**
 * RFC 7643 section 8.7.1, "urn:ietf:params:scim:schemas:core:2.0:Group" (section 4.2).
 * displayName: 8.7.1 says required false while its description and section 4.2 say
 * REQUIRED; the normative section 4.2 wins. members.display is absent from 8.7.1 but
 * is the section 2.4 default sub-attribute and appears in the section 8.4 example.
 */
export const groupSchema: SchemaDefinition = {
  id: SCHEMA_URN.group,
  name: 'Group',
  description: 'Group',
  attributes: [
    attr('displayName', 'string', { required: true }),
    complex(
      'members',
      [
        attr('value', 'string', { mutability: 'immutable' }),
        attr('$ref', 'reference', { mutability: 'immutable', referenceTypes: ['User', 'Group'] }),
        attr('display', 'string', { mutability: 'immutable' }),
        attr('type', 'string', { mutability: 'immutable', canonicalValues: ['User', 'Group'] }),
      ],
      { multiValued: true },
    ),
  ],
}

/** RFC 7643 section 8.7.1, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User" (section 4.3). */
export const enterpriseUserSchema: SchemaDefinition = {
  id: SCHEMA_URN.enterpriseUser,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    attr('employeeNumber', 'string'),
    attr('costCenter', 'string'),
    attr('organization', 'string'),
    attr('division', 'string'),
    attr('department', 'string'),
    complex('manager', [
      attr('value', 'string'),
      attr('$ref', 'reference', { referenceTypes: ['User'] }),
      attr('displayName', 'string', { mutability: 'readOnly' }),
    ]),
  ],
}

export const coreSchemas: readonly SchemaDefinition[] = [userSchema, groupSchema, enterpriseUserSchema]
