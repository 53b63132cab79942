/**
 * The PBXCloud face as tests drive it (testing entry only, never in the app):
 * the product face plus changes to the next CHANNELS answers, e.g. a call that
 * flickers out of one snapshot.
 */
import type { Row } from './pbxcloud-format'
import { PbxcloudFace } from './pbxcloud-face'

export interface ChannelFilter {
  /** How many CHANNELS answers this filter changes; unset means all. */
  times?: number
  filter: (rows: Row[]) => Row[]
}

export class TestingPbxcloudFace extends PbxcloudFace {
  private channelFilters: { spec: ChannelFilter; left: number }[] = []

  /** Changes the next CHANNELS answers (e.g. drop one call's rows to make it flicker). */
  addChannelFilter(spec: ChannelFilter): void {
    this.channelFilters.push({ spec, left: spec.times ?? Number.POSITIVE_INFINITY })
  }

  /** Leaves one call out of the next `times` CHANNELS answers. */
  hideCall(linkedId: string, times = 1): void {
    this.addChannelFilter({ times, filter: (rows) => rows.filter((r) => r.LinkedID !== linkedId) })
  }

  protected override channelRows(rows: Row[]): Row[] {
    let out = rows
    for (const entry of [...this.channelFilters]) {
      out = entry.spec.filter(out)
      entry.left--
      if (entry.left <= 0) this.channelFilters = this.channelFilters.filter((e) => e !== entry)
    }
    return out
  }
}
