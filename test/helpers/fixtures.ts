import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of EM XML fixtures copied from the reference pages and our wire-format spec. */
export const EM_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'em');

/** The text of one EM fixture. */
export function readEmFixture(name: string): string {
  return readFileSync(join(EM_FIXTURES, name), 'utf8');
}

/** Every EM XML fixture's file name. */
export function listEmFixtures(): string[] {
  return readdirSync(EM_FIXTURES).filter((name) => name.endsWith('.xml'));
}
