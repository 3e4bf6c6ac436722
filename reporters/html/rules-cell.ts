import { escapeHtml } from './escape.ts'
import { ruleLink } from './rule-link.ts'

/** Rule ids as links to their RFC section, or the Entra document named. */
export function rulesCell(ids: readonly string[]): string {
  if (!ids.length) return '<span class="muted">—</span>'
  return ids
    .map((id) => {
      const link = ruleLink(id)
      const title = escapeHtml(link.summary ? `${id}: ${link.summary}` : id)
      return link.href
        ? `<a class="rule" href="${escapeHtml(link.href)}" title="${title}">${escapeHtml(link.label)}</a>`
        : `<span class="rule" title="${title}">${escapeHtml(link.label)}</span>`
    })
    .join(' ')
}
