/** The outcome of one doctor check: a line for people, and the fix when it failed. */
export interface CheckResult {
  name: string;
  status: 'pass' | 'fail' | 'skip';
  detail: string;
  fix?: string;
}

export const pass = (name: string, detail: string): CheckResult => ({ name, status: 'pass', detail });
export const skip = (name: string, detail: string): CheckResult => ({ name, status: 'skip', detail });
export const fail = (name: string, detail: string, fix: string): CheckResult => ({
  name,
  status: 'fail',
  detail,
  fix,
});

/** One line per check (`PASS`, `FAIL` or `SKIP`), the fix indented under a failure. */
export function formatCheck(result: CheckResult): string[] {
  const label = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' }[result.status];
  const lines = [`${label}  ${result.name}: ${result.detail}`];
  if (result.fix) lines.push(`      fix: ${result.fix}`);
  return lines;
}
