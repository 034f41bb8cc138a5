const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** EM's xs:dateTime: UTC with `Z`, fractional seconds trimmed of trailing zeros (docs/em-protocol.md, "Fractional seconds and placeholder dates"). */
export function formatEmDate(ms: number): string {
  const d = new Date(Math.floor(ms));
  const base =
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const frac = d.getUTCMilliseconds();
  if (frac === 0) return `${base}Z`;
  return `${base}.${pad(frac, 3).replace(/0+$/, '')}Z`;
}

/** The `yyyy-MM-dd HH:mm:ss` suffix of session names (docs/em-protocol.md, "Names with timestamps"). */
export function formatNameTime(ms: number): string {
  const d = new Date(Math.floor(ms));
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses a filter or control-API date: ISO with 0-7 fraction digits, or date only; no zone means UTC.
 * Returns milliseconds (fractions below a millisecond kept) or undefined.
 */
export function parseEmDate(text: string): number | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return undefined;
  }
  let ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s));
  if (frac) ms += Number(`0.${frac}`) * 1000;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
  }
  return Number.isFinite(ms) ? ms : undefined;
}
