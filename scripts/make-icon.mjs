/**
 * Writes build/icon.png (1024×1024): electron-builder turns it into the .icns and
 * .ico it needs. Drawn here, without downloads or image libraries: a rounded
 * square in the app's colours with a white "call" ring and dot.
 * Run: node scripts/make-icon.mjs
 */
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const size = 1024
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buffer) {
  let c = 0xffffffff
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** Coverage of a pixel by a shape given its signed distance, for smooth edges. */
const cover = (distance) => Math.min(1, Math.max(0, 0.5 - distance))

const raw = Buffer.alloc(size * (size * 4 + 1))
const c = size / 2
for (let y = 0; y < size; y += 1) {
  const row = y * (size * 4 + 1)
  raw[row] = 0 // filter: none
  for (let x = 0; x < size; x += 1) {
    const px = x + 0.5 - c
    const py = y + 0.5 - c
    // Rounded square, 880 px wide, corner radius 200.
    const qx = Math.abs(px) - 440 + 200
    const qy = Math.abs(py) - 440 + 200
    const box = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - 200
    const r = Math.hypot(px, py)
    const ring = cover(Math.abs(r - 250) - 45)
    const dot = cover(r - 95)
    const white = Math.max(ring, dot)
    const t = (y / size) * 0.6
    const base = [Math.round(29 + 20 * t), Math.round(36 + 90 * t), Math.round(48 + 160 * t)]
    const o = row + 1 + x * 4
    raw[o] = Math.round(base[0] + (255 - base[0]) * white)
    raw[o + 1] = Math.round(base[1] + (255 - base[1]) * white)
    raw[o + 2] = Math.round(base[2] + (255 - base[2]) * white)
    raw[o + 3] = Math.round(255 * cover(box))
  }
}

const header = Buffer.alloc(13)
header.writeUInt32BE(size, 0)
header.writeUInt32BE(size, 4)
header[8] = 8 // bit depth
header[9] = 6 // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
])
writeFileSync(new URL('../build/icon.png', import.meta.url), png)
console.log(`build/icon.png: ${size}×${size}, ${png.length} bytes`)
