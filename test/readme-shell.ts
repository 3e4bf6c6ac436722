// The shell commands README.md gives its reader, read from the README itself so that an
// edit of the README is what test/readme-commands.test.ts runs:
//   - every line of a fenced block without a language (or sh, bash, shell): one command each;
//   - a table row whose last cell is one code span (the set-up table: `npm ci && npm start`);
//   - the `run:` steps of a yaml block (GitHub Actions), a `run: |` script as one command,
//     and the block's SCIM_CONFORM_* env entries, which those steps read.
// json and js blocks are data and code, not commands.

export interface ReadmeCommand {
  /** The command as written, comment included: what the reader pastes and bash runs. */
  readonly text: string
  /** The command without its trailing comment, and trimmed: what the test matches on. */
  readonly bare: string
  /** The heading of the README section it is under. */
  readonly section: string
  readonly kind: 'line' | 'table' | 'ci-step'
}

export interface ReadmeShell {
  readonly commands: readonly ReadmeCommand[]
  /** The env entries of the yaml blocks, as written (`${{ secrets.… }}` included). */
  readonly ciEnv: Readonly<Record<string, string>>
}

/** The line without a trailing `# comment` (a # after whitespace and outside quotes). */
export function withoutComment(line: string): string {
  let quote: string | undefined
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (quote) {
      if (c === quote) quote = undefined
    } else if (c === '"' || c === "'") {
      quote = c
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
      return line.slice(0, i).trim()
    }
  }
  return line.trim()
}

const indentOf = (line: string): number => line.length - line.trimStart().length

function ciSteps(block: readonly string[], section: string): ReadmeCommand[] {
  const steps: ReadmeCommand[] = []
  block.forEach((line, i) => {
    const run = /^(\s*(?:- )?)run: (.*)$/.exec(line)
    if (!run) return
    if (run[2]!.trim() !== '|') {
      steps.push({ text: run[2]!, bare: withoutComment(run[2]!), section, kind: 'ci-step' })
      return
    }
    const keyIndent = run[1]!.length
    const body: string[] = []
    for (const next of block.slice(i + 1)) {
      if (next.trim() !== '' && indentOf(next) <= keyIndent) break
      body.push(next)
    }
    const margin = Math.min(...body.filter((l) => l.trim()).map(indentOf))
    const script = body.map((l) => l.slice(margin)).join('\n').trimEnd()
    steps.push({ text: script, bare: script, section, kind: 'ci-step' })
  })
  return steps
}

export function readmeShell(markdown: string): ReadmeShell {
  const commands: ReadmeCommand[] = []
  const ciEnv: Record<string, string> = {}
  let section = ''
  let fence: string | undefined
  let block: string[] = []
  for (const line of markdown.split('\n')) {
    if (fence === undefined) {
      const heading = /^#{1,6} (.*)$/.exec(line)
      if (heading) section = heading[1]!.trim()
      const open = /^```\s*(\w*)\s*$/.exec(line)
      if (open) {
        fence = open[1]!
        block = []
        continue
      }
      const row = /^\|.*\|\s*`([^`]+)`\s*\|\s*$/.exec(line)
      if (row) commands.push({ text: row[1]!, bare: row[1]!.trim(), section, kind: 'table' })
      continue
    }
    if (!line.startsWith('```')) {
      block.push(line)
      continue
    }
    if (['', 'sh', 'bash', 'shell'].includes(fence)) {
      for (const text of block.join('\n').replace(/\\\n\s*/g, ' ').split('\n')) {
        if (text.trim()) commands.push({ text, bare: withoutComment(text), section, kind: 'line' })
      }
    } else if (fence === 'yaml' || fence === 'yml') {
      commands.push(...ciSteps(block, section))
      for (const entry of block) {
        const env = /^\s+(SCIM_CONFORM_\w+): (.*)$/.exec(entry)
        if (env) ciEnv[env[1]!] = env[2]!.trim()
      }
    }
    fence = undefined
  }
  return { commands, ciEnv }
}
