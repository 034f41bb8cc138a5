import { execFile } from 'node:child_process';

/** The resident set size of a process in MiB, from `ps -o rss= -p <pid>`; undefined once it is gone. */
export function readRssMiB(pid: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    execFile('ps', ['-o', 'rss=', '-p', String(pid)], { timeout: 5000 }, (error, stdout) => {
      const kib = Number(stdout.trim());
      resolve(error || !Number.isFinite(kib) || kib <= 0 ? undefined : kib / 1024);
    });
  });
}
