// Wire shapes of RFC 7643/7644 messages, as the suites and the reference server see them.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }
export type JsonObject = { [key: string]: JsonValue }

/** Any SCIM resource: core attributes are top-level keys, extensions sit under their URN. */
export interface ScimResource extends JsonObject {
  schemas: string[]
}

export type ResourceKind = 'User' | 'Group'

export interface ListResponse<T = ScimResource> {
  schemas: string[]
  totalResults: number
  startIndex?: number
  itemsPerPage?: number
  Resources?: T[]
}

/** RFC 7644 section 3.12, Table 9. */
export type ScimType =
  | 'invalidFilter' | 'tooMany' | 'uniqueness' | 'mutability' | 'invalidSyntax'
  | 'invalidPath' | 'noTarget' | 'invalidValue' | 'invalidVers' | 'sensitive'

export interface ScimErrorBody {
  schemas: string[]
  status: string
  scimType?: ScimType
  detail?: string
}

/** Entra sends "Add"/"Replace"/"Remove"; RFC 7644 section 3.5.2 says lowercase. Ops compare case-insensitively. */
export interface PatchOperation {
  op: string
  path?: string
  value?: JsonValue
}

export interface PatchRequest {
  schemas: string[]
  Operations: PatchOperation[]
}
