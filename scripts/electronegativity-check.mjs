/**
 * Runs Electronegativity over the built app (out/) and fails on any finding that
 * is not accepted, with a reason, in build/electronegativity-allowlist.json.
 * Electronegativity itself exits 0 whatever it finds, so this reads its SARIF.
 * Run after `npm run build`; `npm test` does.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve, isAbsolute } from 'node:path'
import { fileURLToPath } from 'node:url'
import { allowlistProblems, flaggedText, reviewFindings } from './electronegativity-review.mjs'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const input = join(root, 'out')
const allowlistPath = join(root, 'build/electronegativity-allowlist.json')
const bin = join(root, 'node_modules/.bin/electronegativity')

function fail(message) {
  console.error(`electronegativity: ${message}`)
  process.exit(1)
}

if (!existsSync(input)) fail('out/ does not exist: run `npm run build` first.')
if (!existsSync(bin)) fail('node_modules/.bin/electronegativity is missing: run `npm ci`.')

/** @type {{ rule: string, file: string, snippet: string, count: number, reason: string }[]} */
let accepted
try {
  accepted = JSON.parse(readFileSync(allowlistPath, 'utf8')).accepted
} catch (error) {
  fail(`cannot read ${relative(root, allowlistPath)}: ${error.message}`)
}
const problems = allowlistProblems(accepted)
if (problems.length > 0) fail(problems.join('\n'))

// The checks depend on Electron's defaults: tell it our version instead of letting it
// guess (it would assume 0.1.0 without network).
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version

const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'))
try {
  const report = join(dir, 'report.sarif')
  const run = spawnSync(bin, ['-i', input, '-o', report, '-e', electronVersion], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
  })
  if (run.error || run.status !== 0 || !existsSync(report)) {
    fail(
      `the scan did not complete (exit ${run.status}).\n${run.stderr || run.error?.message || ''}`,
    )
  }
  const sarif = JSON.parse(readFileSync(report, 'utf8'))
  const findings = (sarif.runs ?? []).flatMap((r) =>
    (r.results ?? []).map((result) => {
      const location = result.locations?.[0]?.physicalLocation
      const uri = String(location?.artifactLocation?.uri ?? 'unknown')
      const path = uri.startsWith('file://') ? fileURLToPath(uri) : uri
      const region = location?.region ?? {}
      const absolute = isAbsolute(path) ? path : join(root, path)
      const source = existsSync(absolute) ? readFileSync(absolute, 'utf8') : ''
      return {
        rule: String(result.ruleId),
        file: isAbsolute(path) ? relative(root, path) : path,
        line: region.startLine ?? 0,
        text: flaggedText(
          source,
          region.startLine ?? 1,
          region.startColumn ?? 1,
          region.charLength ?? 200,
        ),
        message: result.message?.text ?? '',
      }
    }),
  )

  const { open, changed } = reviewFindings(findings, accepted)
  console.log(
    `electronegativity ${electronVersion}: ${findings.length} finding(s), ${findings.length - open.length} accepted, ${open.length} open`,
  )
  for (const { entry, found } of changed) {
    console.error(
      `  ${entry.rule} ${entry.file} "${entry.snippet}": accepted ${entry.count}, found ${found}`,
    )
  }
  for (const f of open) console.error(`  ${f.file}:${f.line}  ${f.rule}  ${f.text}  (${f.message})`)
  if (changed.length > 0) {
    fail('the accepted code changed: review it again and update its snippet, count and reason.')
  }
  if (open.length > 0) {
    fail('fix these, or accept each in build/electronegativity-allowlist.json with a reason.')
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
