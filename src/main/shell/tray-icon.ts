/**
 * Tray icons drawn in code: a round lamp in the state's colour. Drawn here rather
 * than shipped as files so there is nothing to package or keep in step, and
 * encoded as PNG (unambiguous, unlike raw bitmaps whose byte order varies by OS).
 */
import { crc32, deflateSync } from 'node:zlib'
import type { TrayState } from './tray-model'

type Rgb = readonly [number, number, number]

const colours: Record<TrayState, { fill: Rgb | null; ring: Rgb }> = {
  online: { fill: [46, 160, 67], ring: [22, 98, 40] },
  trouble: { fill: [230, 140, 20], ring: [150, 80, 0] },
  // Hollow: "not connected" must read without colour vision too.
  'signed-out': { fill: null, ring: [128, 128, 128] },
}

/** RGBA pixels of one icon, `size` × `size`, anti-aliased at the edge. */
export function drawTrayIcon(state: TrayState, size: number): Buffer {
  const { fill, ring } = colours[state]
  const pixels = Buffer.alloc(size * size * 4)
  const centre = size / 2
  const outer = size / 2 - 0.5
  const ringWidth = Math.max(1, size / 8)
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const distance = Math.hypot(x + 0.5 - centre, y + 0.5 - centre)
      const coverage = Math.min(1, Math.max(0, outer - distance + 0.5))
      if (coverage === 0) continue
      const inRing = distance > outer - ringWidth
      const colour = inRing ? ring : fill
      if (!colour) continue
      const at = (y * size + x) * 4
      pixels[at] = colour[0]
      pixels[at + 1] = colour[1]
      pixels[at + 2] = colour[2]
      pixels[at + 3] = Math.round(coverage * 255)
    }
  }
  return pixels
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A minimal PNG: 8-bit RGBA, no interlace, filter 0 on every row. */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 6 // colour type RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height)
  for (let y = 0; y < height; y += 1) {
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

export function trayIconPng(state: TrayState, size: number): Buffer {
  return encodePng(size, size, drawTrayIcon(state, size))
}
