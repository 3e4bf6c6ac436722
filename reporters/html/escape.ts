// The one escape for everything user-supplied in report.html (target responses,
// URLs, messages, ids): text content and double-quoted attribute values alike.
// Control characters (other than tab and newlines) would render as blank boxes, so
// they are shown as visible \uXXXX escapes: a reader sees what the target sent.
// eslint-disable-next-line no-control-regex
const invisible = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

export function escapeHtml(value: string): string {
  return value
    .replace(invisible, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}
