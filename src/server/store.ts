// In-memory resources of the reference server. The store keeps what the client
// asserted (canonical attribute names, password included) plus the server-owned
// parts of meta; representation.ts turns an entry into what the wire shows.

import { randomUUID } from 'node:crypto'
import type { JsonObject } from '../scim/types.ts'
import type { CollectionName } from './resource-types.ts'

export interface StoredResource {
  readonly id: string
  readonly created: string
  readonly lastModified: string
  /** Strictly increasing across the whole store, so a version is never reused (RFC 7644 section 3.14). */
  readonly version: number
  /** Client-asserted attributes: no id, no meta, no schemas, no computed attributes. */
  readonly attributes: JsonObject
}

export interface ResourceStore {
  all(collection: CollectionName): readonly StoredResource[]
  get(collection: CollectionName, id: string): StoredResource | undefined
  create(collection: CollectionName, attributes: JsonObject): StoredResource
  /** Returns undefined when the id is unknown. */
  update(collection: CollectionName, id: string, attributes: JsonObject): StoredResource | undefined
  delete(collection: CollectionName, id: string): boolean
}

export function createStore(): ResourceStore {
  const collections: Record<CollectionName, Map<string, StoredResource>> = { Users: new Map(), Groups: new Map() }
  let lastVersion = 0
  let lastTime = 0

  // lastModified must move forward on every change, even two changes in one millisecond.
  const nextTime = (): string => {
    lastTime = Math.max(Date.now(), lastTime + 1)
    return new Date(lastTime).toISOString()
  }

  return {
    all: (collection) => [...collections[collection].values()],
    get: (collection, id) => collections[collection].get(id),
    create(collection, attributes) {
      const now = nextTime()
      const entry: StoredResource = {
        id: randomUUID(),
        created: now,
        lastModified: now,
        version: ++lastVersion,
        attributes: structuredClone(attributes),
      }
      collections[collection].set(entry.id, entry)
      return entry
    },
    update(collection, id, attributes) {
      const previous = collections[collection].get(id)
      if (previous === undefined) return undefined
      const entry: StoredResource = {
        ...previous,
        lastModified: nextTime(),
        version: ++lastVersion,
        attributes: structuredClone(attributes),
      }
      collections[collection].set(id, entry)
      return entry
    },
    delete: (collection, id) => collections[collection].delete(id),
  }
}
