/** The text shown where a date is missing or unusable. */
export const NO_DATE = '—';

/** True when the date is a real, usable instant. */
function isUsable(date: Date | undefined): date is Date {
  return date !== undefined && !Number.isNaN(date.getTime());
}

/** A compact ISO-like UTC text (`2025-09-24 20:00 UTC`), or `—` when there is no date. */
export function formatUtc(date: Date | undefined): string {
  if (!isUsable(date)) return NO_DATE;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * A Slack date token that each reader sees in their own time zone, with the UTC text as the fallback;
 * `—` when there is no date.
 */
export function slackDate(date: Date | undefined): string {
  if (!isUsable(date)) return NO_DATE;
  const unix = Math.floor(date.getTime() / 1000);
  return `<!date^${unix}^{date_short_pretty} {time}|${formatUtc(date)}>`;
}
