/**
 * `npm run bench`: every figure of bench/README.md, printed as a table and written
 * to bench/results/latest.json. Run after `npm run build` (the renderer is served
 * from out/renderer). Numbers from a busy machine are worse than the code.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { measureApiCost, type ApiCost } from './api-cost'
import { browseWithinIdle, measureBrowseCost, type BrowseCost } from './browse-cost'
import {
  measureLatency,
  measureRender,
  type Latency,
  type LatencyMode,
  type RenderCost,
} from './browser-bench'
import { measureDialectCoreCost, type CoreCost } from './core-cost'
import { measureRateLimitedRing, type RateLimitedRing } from './rate-limit-latency'
import { chromiumExecutable, repoRoot } from './lib/browser'
import { dialectRunners } from './lib/dialects'
import { measureIdleCpu, measureMemory, type IdleCpu, type MemoryOverTime } from './process-cost'

interface Row {
  figure: string
  unit: string
  median: number
  p95?: number
  min?: number
  max?: number
  n: number
  floor?: number
  target: string
  met: boolean
}

const quick = process.argv.includes('--quick')

function chromiumVersion(): string {
  const path = chromiumExecutable()
  if (!path) return 'not installed'
  try {
    const out = execFileSync(path, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    return /Chromium [\d.]+/.exec(out)?.[0] ?? out.trim()
  } catch {
    return 'unknown'
  }
}

const fmt = (v: number | undefined): string =>
  v === undefined || Number.isNaN(v) ? '' : v >= 100 ? v.toFixed(0) : v.toFixed(2)

function printTable(rows: Row[]): void {
  const head = ['figure', 'unit', 'median', 'p95', 'min', 'max', 'n', 'floor', 'target', 'met']
  const cells = rows.map((r) => [
    r.figure,
    r.unit,
    fmt(r.median),
    fmt(r.p95),
    fmt(r.min),
    fmt(r.max),
    String(r.n),
    fmt(r.floor),
    r.target,
    r.met ? 'yes' : 'NO',
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)))
  const line = (c: string[]): string => c.map((x, i) => x.padEnd(widths[i] ?? 0)).join('  ')
  console.log(line(head))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const c of cells) console.log(line(c))
}

async function main(): Promise<void> {
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 1073741824),
    node: process.version,
    chromium: chromiumVersion(),
    loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
    exposeGc: typeof (globalThis as { gc?: unknown }).gc === 'function',
    date: new Date().toISOString(),
  }
  console.log(
    `${machine.cpu} · ${machine.cores} cores · node ${machine.node} · ${machine.chromium} · load ${machine.loadAverageAtStart.join(' ')}`,
  )
  const rows: Row[] = []
  const results: {
    latency: Latency[]
    api: ApiCost[]
    browse: BrowseCost[]
    core: CoreCost[]
    idleCpu: IdleCpu[]
    render: RenderCost[]
    memory: MemoryOverTime[]
    rateLimited: RateLimitedRing[]
    skipped: string[]
  } = {
    latency: [],
    api: [],
    browse: [],
    core: [],
    idleCpu: [],
    render: [],
    memory: [],
    rateLimited: [],
    skipped: [],
  }
  const step = (what: string): void => console.error(`… ${what}`)
  const browser = chromiumExecutable() !== null
  if (!browser)
    results.skipped.push('Chromium is not installed: latency and render cost were not measured.')

  for (const runner of dialectRunners) {
    const d = runner.dialect
    step(`${d}: API cost`)
    const api = await measureApiCost(runner)
    results.api.push(api)
    const budget = api.budgetPerMinute
    for (const [name, value] of [
      ['idle (window in background)', api.idlePerMinute],
      ['during a call', api.inCallPerMinute],
      ['window focused', api.focusedPerMinute],
    ] as const) {
      rows.push({
        figure: `${d} requests/min, ${name}`,
        unit: 'req/min',
        median: value,
        n: 5,
        target: `<= ${budget}`,
        met: value <= budget,
      })
    }
    const tick = api.tickRequests
    rows.push({
      figure: `${d} requests per tick (calls ${tick.calls} + presence ${tick.presence}), ${tick.extensions} ext`,
      unit: 'requests',
      median: tick.calls + tick.presence,
      n: 1,
      floor: tick.floor,
      target: `= floor (${tick.floor})`,
      met: tick.calls + tick.presence <= tick.floor,
    })

    step(`${d}: requests while browsing contacts and chat`)
    const browse = await measureBrowseCost(runner, { minutes: quick ? 2 : 5 })
    results.browse.push(browse)
    rows.push({
      figure: `${d} requests/min, browsing (${browse.readCount.toFixed(0)} reads/min, ${browse.readsPerMinute.toFixed(1)} requests of their own, ${browse.deferredPerMinute.toFixed(1)} held back)`,
      unit: 'req/min',
      median: browse.browsingPerMinute,
      n: 1,
      floor: browse.idlePerMinute + browse.readsPerMinute,
      target: '<= idle + reads (+10 %)',
      met: browseWithinIdle(browse),
    })

    step(`${d}: ring → popup through a 429 (simulated)`)
    const limited = await measureRateLimitedRing(runner, quick ? 4 : 10)
    results.rateLimited.push(limited)
    rows.push({
      figure: `${d} ring → call seen, 429 (Retry-After ${limited.retryAfterSec} s) 1 s before the ring (${limited.lost} lost)`,
      unit: 'ms',
      ...limited.ms,
      target: `max <= ${limited.targetMs.toFixed(0)}`,
      met: limited.lost === 0 && limited.ms.max <= limited.targetMs,
    })

    step(`${d}: core cost (5,000 extensions, 500 calls)`)
    const core = await measureDialectCoreCost(runner, quick ? 15 : 40)
    results.core.push(core)
    rows.push({
      figure: `${d} parse+normalise+diff ${core.extensions} ext / ${core.calls} calls (${core.requests} answers)`,
      unit: 'ms',
      ...core.ms,
      floor: core.parseMs.median,
      target: '< 5 (median)',
      met: core.ms.median < 5,
    })
    rows.push({
      figure: `${d} parse+normalise+diff ÷ JSON.parse alone of the same answers (same runs)`,
      unit: '×',
      median: core.ms.median / core.parseMs.median,
      n: core.ms.n,
      target: '(info)',
      met: true,
    })

    step(`${d}: idle CPU (${quick ? 8 : 20} s of wall time)`)
    const cpu = await measureIdleCpu(runner, quick ? 8 : 20)
    results.idleCpu.push(cpu)
    rows.push({
      figure: `${d} main-process CPU, idle polling one account (${cpu.requests} requests)`,
      unit: '% core',
      median: cpu.percentOfCore,
      n: 1,
      target: '< 1',
      met: cpu.percentOfCore < 1,
    })

    step(`${d}: memory over ${quick ? 'half an hour' : 'two hours'}, simulated`)
    const memory = await measureMemory(runner, quick ? 0.5 : 2)
    results.memory.push(memory)
    rows.push({
      figure: `${d} core heap growth, 5 min → ${memory.simulatedHours} h (${memory.calls} calls)`,
      unit: 'MB',
      median: memory.growthMB,
      min: memory.heapAt5MinMB,
      max: memory.heapAtEndMB,
      n: 1,
      target: '< 5 (no leak)',
      met: memory.growthMB < 5,
    })

    if (!browser) continue
    const modes: LatencyMode[] = runner.pushConnected ? ['polling', 'push'] : ['polling']
    for (const mode of modes) {
      step(`${d}: ring-to-popup latency in Chromium (${mode})`)
      const latency = await measureLatency(runner, quick ? 10 : 50, mode)
      results.latency.push(latency)
      const how =
        mode === 'push'
          ? 'WebSocket push'
          : `polling, calls every ${(latency.intervalMs / 1000).toFixed(2)} s`
      rows.push({
        figure: `${d} ring → popup visible (${how}; ${latency.lost} lost)`,
        unit: 'ms',
        ...latency.ms,
        floor: latency.floorMs,
        target: `p95 <= ${latency.targetMs.toFixed(0)}`,
        met: latency.ms.p95 <= latency.targetMs && latency.lost === 0,
      })
      if (mode === 'polling') {
        // What polling alone allows: a call waits for the next poll, evenly spread over
        // one interval, so the median wait is half an interval and the p95 wait 95 % of one.
        const p95FloorMs = 0.95 * latency.intervalMs + latency.rtt.median
        rows.push({
          figure: `${d} ring → popup, median against its floor (½ interval + round trip)`,
          unit: 'ms',
          median: latency.ms.median,
          n: latency.ms.n,
          floor: latency.floorMs,
          target: `median <= ${latency.targetMs.toFixed(0)}`,
          met: latency.ms.median <= latency.targetMs,
        })
        rows.push({
          figure: `${d} ring → popup, p95 against polling's p95 floor (0.95 × interval + round trip)`,
          unit: 'ms',
          median: latency.ms.median,
          p95: latency.ms.p95,
          n: latency.ms.n,
          floor: p95FloorMs,
          target: `p95 <= ${(p95FloorMs + 150).toFixed(0)}`,
          met: latency.ms.p95 <= p95FloorMs + 150,
        })
        rows.push({
          figure: `${d} calls request round trip (kept-alive connection)`,
          unit: 'ms',
          ...latency.rtt,
          target: '(floor part)',
          met: true,
        })
      }
    }
  }

  if (browser) {
    for (const extensions of [2000, 5000]) {
      step(`render: ${extensions} extensions`)
      const render = await measureRender(extensions, quick ? 4 : 10)
      results.render.push(render)
      rows.push({
        figure: `board of ${extensions}: first render (snapshot → tiles laid out)`,
        unit: 'ms',
        ...render.firstRenderMs,
        target: '(info)',
        met: true,
      })
      rows.push({
        figure: `board of ${extensions}: page load → first tiles`,
        unit: 'ms',
        ...render.loadToTilesMs,
        target: '(info)',
        met: true,
      })
      rows.push({
        figure: `board of ${extensions}: show the board again (from another screen)`,
        unit: 'ms',
        ...render.boardMs,
        target: '< 16',
        met: render.boardMs.median < 16,
      })
      rows.push({
        figure: `board of ${extensions}: apply delta of 100 lamps`,
        unit: 'ms',
        ...render.deltaMs,
        target: '< 16',
        met: render.deltaMs.median < 16,
      })
      if (extensions === 5000)
        rows.push({
          figure: `renderer JS heap, ${extensions} extensions (after GC)`,
          unit: 'MB',
          median: render.heapMB,
          n: 1,
          target: '< 60',
          met: render.heapMB < 60,
        })
    }
  }

  console.log('')
  printTable(rows)
  for (const note of results.skipped) console.log(`skipped: ${note}`)
  const dir = join(repoRoot, 'bench', 'results')
  mkdirSync(dir, { recursive: true })
  const file = join(dir, 'latest.json')
  writeFileSync(
    file,
    `${JSON.stringify({ machine, loadAverageAtEnd: loadavg(), rows, results }, null, 2)}\n`,
  )
  console.log(`\nwritten: ${file}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
