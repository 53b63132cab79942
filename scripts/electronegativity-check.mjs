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

/** @type {{ rule: string, file: string, reason: string }[]} */
let accepted
try {
  accepted = JSON.parse(readFileSync(allowlistPath, 'utf8')).accepted
} catch (error) {
  fail(`cannot read ${relative(root, allowlistPath)}: ${error.message}`)
}
if (!Array.isArray(accepted)) fail('the allowlist must be { "accepted": [ … ] }.')
for (const [i, entry] of accepted.entries()) {
  const ok =
    typeof entry?.rule === 'string' &&
    typeof entry?.file === 'string' &&
    typeof entry?.reason === 'string' &&
    entry.reason.trim().length >= 20
  if (!ok) fail(`allowlist entry ${i} needs "rule", "file" and a "reason" in words.`)
}

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
      return {
        rule: String(result.ruleId),
        file: isAbsolute(path) ? relative(root, path) : path,
        line: location?.region?.startLine ?? 0,
        message: result.message?.text ?? '',
      }
    }),
  )

  const used = new Set()
  const open = findings.filter((finding) => {
    const index = accepted.findIndex((a) => a.rule === finding.rule && a.file === finding.file)
    if (index === -1) return true
    used.add(index)
    return false
  })
  for (const [i, entry] of accepted.entries()) {
    if (!used.has(i))
      console.warn(
        `electronegativity: allowlist entry matched nothing in this build: ${entry.rule} ${entry.file}`,
      )
  }
  console.log(
    `electronegativity ${electronVersion}: ${findings.length} finding(s), ${findings.length - open.length} accepted, ${open.length} open`,
  )
  if (open.length > 0) {
    for (const f of open) console.error(`  ${f.file}:${f.line}  ${f.rule}  ${f.message}`)
    fail('fix these, or accept each in build/electronegativity-allowlist.json with a reason.')
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
