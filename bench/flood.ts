import { MINUTE, startHarness } from '../test/helpers/watcher-harness.js';
import { JOB_REPLY_BUDGET } from '../src/watcher/flood.js';
import type { SectionResult } from './section.js';

/** Failures of the flooding job in the measured poll, with its first failure and the other job's: one read. */
const FLOOD = 4_998;

/**
 * One job floods EM with failures while another job fails once, in the same poll (in-process simulator, fake
 * Slack, the watcher stepped by hand): time from the poll's start to the other job's alert, the replies the
 * flooding job got, and the requests and bytes of that poll.
 */
export async function benchFlood(): Promise<SectionResult> {
  let otherAt = Number.NaN;
  let otherUid = '';
  const h = await startHarness({
    wrapChat: (chat) => ({
      ...chat,
      post: async (message) => {
        const posted = await chat.post(message);
        if (message.metadata?.key === otherUid && Number.isNaN(otherAt)) otherAt = Date.now();
        return posted;
      },
    }),
  });
  try {
    h.stopped({ jobName: 'Noisy Job', result: 'Failed' });
    await h.poll(MINUTE);
    const root = h.topLevel()[0];
    h.advance(MINUTE);
    for (let i = 0; i < FLOOD; i += 1)
      h.stopped({ jobName: 'Noisy Job', result: 'Failed' }, (FLOOD - i) * 10);
    otherUid = h.stopped({ jobName: 'Quiet Job', result: 'Failed' }, (FLOOD / 2) * 10).uid;
    h.sim.resetStats();
    const start = Date.now();
    const report = await h.poll();
    const pollMs = Date.now() - start;
    const stats = h.sim.stats();
    const replies = h.replies(root?.ts ?? '').length;
    const figures = {
      flood: FLOOD,
      found: report.found,
      otherAlertMs: otherAt - start,
      pollMs,
      replies,
      requests: stats.requests.total,
      bytes: stats.bytes.total,
    };
    return {
      id: 'flood',
      title: `One job's flood (${FLOOD.toLocaleString('en-US')} failures) and another job's first failure in one poll`,
      rows: [
        {
          measure: 'poll start to the other job’s alert',
          value: `${figures.otherAlertMs} ms`,
          goal: '< 5,000 ms',
          met: figures.otherAlertMs < 5_000,
        },
        { measure: 'whole poll', value: `${pollMs} ms` },
        {
          measure: 'thread replies for the flooding job',
          value: String(replies),
          goal: `≤ ${JOB_REPLY_BUDGET}`,
          met: replies <= JOB_REPLY_BUDGET,
        },
        { measure: 'EM requests / bytes of the poll', value: `${figures.requests} / ${figures.bytes}` },
      ],
      figures,
    };
  } finally {
    await h.stop();
  }
}
