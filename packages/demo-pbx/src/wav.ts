/**
 * Real, playable audio made in code (no binary fixtures): 8 kHz, 16-bit, mono
 * PCM in a RIFF/WAVE container, as Asterisk stores `wav` voicemail.
 */

export interface Tone {
  /** Hz; 0 is silence. */
  freq: number
  ms: number
}

const sampleRate = 8000
const amplitude = 0.3 * 32767

export function toneWav(tones: readonly Tone[]): Buffer {
  const counts = tones.map((t) => Math.round((t.ms * sampleRate) / 1000))
  const samples = counts.reduce((a, b) => a + b, 0)
  const dataSize = samples * 2
  const buf = Buffer.alloc(44 + dataSize)
  buf.write('RIFF', 0, 'ascii')
  buf.writeUInt32LE(36 + dataSize, 4)
  buf.write('WAVE', 8, 'ascii')
  buf.write('fmt ', 12, 'ascii')
  buf.writeUInt32LE(16, 16)
  buf.writeUInt16LE(1, 20) // PCM
  buf.writeUInt16LE(1, 22) // mono
  buf.writeUInt32LE(sampleRate, 24)
  buf.writeUInt32LE(sampleRate * 2, 28)
  buf.writeUInt16LE(2, 32)
  buf.writeUInt16LE(16, 34)
  buf.write('data', 36, 'ascii')
  buf.writeUInt32LE(dataSize, 40)
  let offset = 44
  tones.forEach((tone, i) => {
    const n = counts[i] ?? 0
    // A short fade in and out keeps the tone edges from clicking.
    const fade = Math.min(80, Math.floor(n / 4))
    for (let s = 0; s < n; s++) {
      const env = Math.min(1, s / (fade || 1), (n - s) / (fade || 1))
      const v = tone.freq
        ? Math.sin((2 * Math.PI * tone.freq * s) / sampleRate) * amplitude * env
        : 0
      buf.writeInt16LE(Math.round(v), offset)
      offset += 2
    }
  })
  return buf
}

/**
 * A voicemail-like clip of `seconds`: a beep, then a little "speech" melody that
 * depends on `seed` so two messages do not sound the same.
 */
export function messageWav(seconds: number, seed: number): Buffer {
  const tones: Tone[] = [
    { freq: 1000, ms: 400 },
    { freq: 0, ms: 200 },
  ]
  const notes = [330, 392, 440, 494, 523, 587]
  let left = Math.max(0.5, seconds) * 1000 - 600
  let i = seed >>> 0
  while (left > 0) {
    const ms = Math.min(left, 250)
    tones.push({ freq: notes[i % notes.length] ?? 440, ms })
    i = (i * 1103515245 + 12345) >>> 0
    left -= ms
  }
  return toneWav(tones)
}
