/**
 * Matching Electronegativity's findings against the allowlist. A (rule, file)
 * pair is not enough: all of main is one bundled file, so a new openExternal
 * anywhere in main would pass under an old entry. Each accepted entry names the
 * code it covers (`snippet`, found in the flagged text) and how many findings
 * that code makes (`count`); any other finding is open, and an entry that no
 * longer matches its count fails too, so a change is reviewed again.
 */

/** The flagged text of a finding: `length` characters from (line, column), spaces collapsed. */
export function flaggedText(source, line, column, length) {
  const lines = source.split('\n')
  let offset = 0
  for (let i = 0; i < line - 1 && i < lines.length; i += 1) offset += lines[i].length + 1
  offset += Math.max(0, column - 1)
  return source
    .slice(offset, offset + Math.max(length, 1))
    .replace(/\s+/g, ' ')
    .trim()
}

/** Problems with the allowlist file itself, in words; empty when it is usable. */
export function allowlistProblems(accepted) {
  if (!Array.isArray(accepted)) return ['the allowlist must be { "accepted": [ … ] }.']
  const problems = []
  for (const [i, entry] of accepted.entries()) {
    const ok =
      typeof entry?.rule === 'string' &&
      typeof entry?.file === 'string' &&
      typeof entry?.snippet === 'string' &&
      entry.snippet.trim().length >= 8 &&
      Number.isInteger(entry?.count) &&
      entry.count >= 1 &&
      typeof entry?.reason === 'string' &&
      entry.reason.trim().length >= 20
    if (!ok) {
      problems.push(
        `allowlist entry ${i} needs "rule", "file", a "snippet" of the flagged code, its "count" and a "reason" in words.`,
      )
    }
  }
  return problems
}

/**
 * findings: { rule, file, line, text, message }[] (text: flaggedText of it).
 * Returns the findings no entry covers and the entries whose count changed.
 */
export function reviewFindings(findings, accepted) {
  const matched = accepted.map(() => 0)
  const open = findings.filter((finding) => {
    const index = accepted.findIndex(
      (a) => a.rule === finding.rule && a.file === finding.file && finding.text.includes(a.snippet),
    )
    if (index === -1) return true
    matched[index] += 1
    return false
  })
  const changed = accepted
    .map((entry, i) => ({ entry, found: matched[i] }))
    .filter(({ entry, found }) => found !== entry.count)
  return { open, changed }
}
