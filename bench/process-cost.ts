/**
 * The main process over time: CPU while idly polling one account (wall clock, real
 * demo PBX, real HTTP) and heap after hours of simulated office traffic.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { startDemoForApp } from '@switchboard/demo-pbx/testing'
import { createTestingCore } from '../src/main/core/app/testing'
import { createLogger } from '../src/main/log'
import type { DialectRunner } from './lib/dialects'
import { startSim } from './lib/sim'
import { sleep } from './lib/stats'

export interface IdleCpu {
  dialect: string
  seconds: number
  /** Share of one core used by the whole process (core + the in-process demo PBX). */
  percentOfCore: number
  requests: number
}

/** One account of `runner`'s dialect polling the demo idly, on the wall clock. */
export async function measureIdleCpu(runner: DialectRunner, seconds = 20): Promise<IdleCpu> {
  const dataDir = await mkdtemp(join(tmpdir(), 'sb-cpu-'))
  const core = await createTestingCore({
    dataDir,
    shell: 'browser',
    version: '0.1.0',
    log: createLogger('bench', () => undefined),
    demo: { office: false, dialect: runner.dialect, start: startDemoForApp },
  })
  try {
    await sleep(5000)
    const demo = core.demo!
    const requestsBefore = runner.requestCount(demo)
    const before = process.cpuUsage()
    const start = performance.now()
    await sleep(seconds * 1000)
    const used = process.cpuUsage(before)
    const wall = performance.now() - start
    return {
      dialect: runner.dialect,
      seconds: wall / 1000,
      percentOfCore: ((used.user + used.system) / 1000 / wall) * 100,
      requests: runner.requestCount(demo) - requestsBefore,
    }
  } finally {
    await core.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}

/** A full garbage collection, with or without `--expose-gc`. */
export function collectGarbage(): void {
  const exposed = (globalThis as { gc?: () => void }).gc
  if (exposed) return exposed()
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  gc()
}

export function heapUsedMB(): number {
  collectGarbage()
  collectGarbage()
  return process.memoryUsage().heapUsed / 1048576
}

export interface MemoryOverTime {
  dialect: string
  simulatedHours: number
  calls: number
  events: number
  requests: number
  heapAt5MinMB: number
  heapAtEndMB: number
  growthMB: number
  realSeconds: number
}

/** Demo office + provider + session manager + event hub on a manual clock. */
export async function measureMemory(runner: DialectRunner, hours = 2): Promise<MemoryOverTime> {
  const started = performance.now()
  const sim = await startSim({ runner, office: true, record: false, seed: 11 })
  try {
    sim.session().signal('focus')
    await sim.run(5 * 60_000)
    const heapAt5MinMB = heapUsedMB()
    await sim.run(hours * 3_600_000 - 5 * 60_000)
    const heapAtEndMB = heapUsedMB()
    return {
      dialect: runner.dialect,
      simulatedHours: hours,
      calls: sim.demo.state.truth().length,
      events: sim.eventCount,
      requests: runner.requestCount(sim.demo),
      heapAt5MinMB,
      heapAtEndMB,
      growthMB: heapAtEndMB - heapAt5MinMB,
      realSeconds: (performance.now() - started) / 1000,
    }
  } finally {
    await sim.close()
  }
}
