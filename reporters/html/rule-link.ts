import { requirements } from '../../src/catalogue/index.ts'
import type { Requirement } from '../../src/catalogue/index.ts'

// Where a requirement id points a reader: the RFC section on rfc-editor.org, or the
// Microsoft page that documents an Entra requirement. Ids have the form '<source>:<section>:<name>'
// (src/catalogue/index.ts); an id the catalogue does not know is still linked from its form.

export interface RuleLink {
  readonly id: string
  readonly label: string
  readonly href?: string
  readonly summary?: string
}

const lookup = (id: string): Requirement | undefined =>
  Object.hasOwn(requirements, id) ? (requirements as Record<string, Requirement>)[id] : undefined

export function ruleLink(id: string): RuleLink {
  const known = lookup(id)
  const summary = known?.summary
  const rfc = /^(rfc\d+):([\d.]+):/i.exec(id)
  if (rfc?.[1] && rfc[2]) {
    const rfcName = rfc[1].toLowerCase()
    return { id, label: `${rfcName.toUpperCase()} §${rfc[2]}`, href: `https://www.rfc-editor.org/rfc/${rfcName}#section-${rfc[2]}`, ...(summary ? { summary } : {}) }
  }
  if (known?.source === 'Entra') return { id, label: `Entra: ${known.title ?? known.section}`, ...(known.url ? { href: known.url } : {}), ...(summary ? { summary } : {}) }
  return { id, label: id, ...(summary ? { summary } : {}) }
}
