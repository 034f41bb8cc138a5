/** The terminal styles the console uses; each is the identity when colour is off, so no ANSI code leaks. */
export interface Styles {
  bold(text: string): string;
  underline(text: string): string;
  dim(text: string): string;
  code(text: string): string;
  italic(text: string): string;
  strike(text: string): string;
}

const wrap =
  (open: number, close: number) =>
  (text: string): string =>
    `\x1b[${open}m${text}\x1b[${close}m`;

/** ANSI styles when `color` is true, plain identities otherwise. */
export function createStyles(color: boolean): Styles {
  if (!color) {
    const same = (text: string): string => text;
    return { bold: same, underline: same, dim: same, code: same, italic: same, strike: same };
  }
  return {
    bold: wrap(1, 22),
    underline: wrap(4, 24),
    dim: wrap(2, 22),
    code: wrap(36, 39),
    italic: wrap(3, 23),
    strike: wrap(9, 29),
  };
}

/** The length of a text as the terminal shows it (ANSI codes not counted). */
export function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '').length;
}

/** Removes control characters (an EM string could carry an escape sequence) except newlines. */
export function stripControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\t/g, ' ').replace(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/g, '');
}
