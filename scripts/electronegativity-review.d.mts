export interface AcceptedFinding {
  rule: string
  file: string
  snippet: string
  count: number
  reason: string
}
export interface Finding {
  rule: string
  file: string
  line: number
  text: string
  message: string
}
export function flaggedText(source: string, line: number, column: number, length: number): string
export function allowlistProblems(accepted: unknown): string[]
export function reviewFindings(
  findings: Finding[],
  accepted: AcceptedFinding[],
): { open: Finding[]; changed: { entry: AcceptedFinding; found: number }[] }
