/**
 * The default country as a list of countries by name in the UI language, with
 * their calling codes (issue 15, finding 15), instead of a free-text "DK".
 * Names come from the platform (`Intl.DisplayNames`), codes from libphonenumber-js,
 * which reads the numbers too: every country offered is one it can read.
 */
import { getCountries, getCountryCallingCode } from 'libphonenumber-js'

export interface CountryOption {
  code: string
  name: string
  callingCode: string
}

export function countryOptions(locale: string): CountryOption[] {
  let names: Intl.DisplayNames | undefined
  try {
    names = new Intl.DisplayNames([locale, 'en'], { type: 'region' })
  } catch {
    names = undefined // no region names on this platform: the ISO code stands in
  }
  const collator = new Intl.Collator(locale)
  return getCountries()
    .map((code) => ({
      code,
      name: names?.of(code) ?? code,
      callingCode: `+${getCountryCallingCode(code)}`,
    }))
    .sort((a, b) => collator.compare(a.name, b.name))
}
