import { spawnBot } from '../test/helpers/bot-process.js';
import { readRssMiB } from './rss.js';
import type { SectionResult } from './section.js';
import { median, round } from './stats.js';

const SAMPLE_MS = 1000;

/** Section 5a: the built bot's RSS in local demo mode (empty env: embedded live simulator + console), sampled every second. */
export async function benchMemory(minutes: number): Promise<SectionResult> {
  const bot = spawnBot({});
  const samples: Array<{ s: number; rssMiB: number }> = [];
  try {
    await bot.waitFor(/\S/, 60_000, 'stdout');
    const pid = bot.child.pid;
    if (pid === undefined) throw new Error('the bot has no pid');
    const start = Date.now();
    const end = start + minutes * 60_000;
    while (Date.now() < end && bot.child.exitCode === null) {
      const rss = await readRssMiB(pid);
      if (rss !== undefined)
        samples.push({ s: round((Date.now() - start) / 1000, 0), rssMiB: round(rss, 1) });
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
    if (bot.child.exitCode !== null)
      throw new Error(`the demo bot exited early: ${bot.stderr().slice(-500)}`);
  } finally {
    await bot.kill('SIGTERM');
  }
  const rss = samples.map((s) => s.rssMiB);
  const peak = Math.max(...rss);
  const firstMinute = median(samples.filter((s) => s.s <= 60).map((s) => s.rssMiB));
  const lastMinute = median(samples.filter((s) => s.s >= minutes * 60 - 60).map((s) => s.rssMiB));
  // The comparison: the last minute against minute 10 (a warmed-up demo), when the run is that long.
  const tenthMinute =
    minutes > 10 ? median(samples.filter((s) => s.s >= 540 && s.s <= 600).map((s) => s.rssMiB)) : undefined;
  return {
    id: 'memory',
    title: `Memory: built bot in local demo mode for ${minutes} min (RSS every ${SAMPLE_MS / 1000} s)`,
    rows: [
      { measure: 'peak RSS', value: `${round(peak)} MiB` },
      {
        measure: 'median RSS first minute / last minute',
        value: `${round(firstMinute)} / ${round(lastMinute)} MiB`,
      },
      {
        measure: 'RSS last minute / first minute',
        value: `x${round(lastMinute / firstMinute, 2)}`,
        goal: '<= x1.20',
        met: lastMinute / firstMinute <= 1.2,
      },
      ...(tenthMinute === undefined
        ? []
        : [
            {
              measure: `RSS minute ${minutes} / minute 10`,
              value: `x${round(lastMinute / tenthMinute, 2)} (${round(tenthMinute)} MiB at minute 10)`,
              goal: '<= x1.20',
              met: lastMinute / tenthMinute <= 1.2,
            },
          ]),
      { measure: 'alert lines printed by the demo', value: String(countAlerts(bot.stdout())) },
    ],
    figures: {
      minutes,
      peakMiB: peak,
      firstMinuteMiB: firstMinute,
      tenthMinuteMiB: tenthMinute ?? null,
      lastMinuteMiB: lastMinute,
      samples,
    },
  };
}

/** A rough count of what the demo printed, to show the run was busy: lines mentioning Failed or Warning. */
function countAlerts(stdout: string): number {
  return stdout.split('\n').filter((line) => /Failed|Warning/.test(line)).length;
}
