import type { ServerFeatures } from './features.ts'
import type { ResourceStore } from './store.ts'

/** What every request handler of the reference server works with. */
export interface ServerContext {
  /** Absolute base URL, e.g. http://127.0.0.1:4567/scim/v2; meta.location and Location start with it. */
  readonly baseUrl: string
  readonly store: ResourceStore
  readonly features: ServerFeatures
  /** RepresentationContext's view of features.etag. */
  readonly etag: boolean
}
