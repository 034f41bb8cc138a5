const FULL = '▓';
const EMPTY = '░';

/** A text bar such as `▓▓▓▓▓░░░░░ 50%`; clamps to 0-100 and shows `░░░░░░░░░░ ?` when the progress is unknown. */
export function progressBar(percent: number | undefined, width = 10): string {
  if (percent === undefined || !Number.isFinite(percent)) return `${EMPTY.repeat(width)} ?`;
  const clamped = Math.min(100, Math.max(0, Math.round(percent)));
  const filled = Math.round((clamped / 100) * width);
  return `${FULL.repeat(filled)}${EMPTY.repeat(width - filled)} ${clamped}%`;
}
