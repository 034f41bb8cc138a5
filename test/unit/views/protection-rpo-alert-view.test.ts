import { renderBlocks } from '../../../src/console/render-blocks.js';
import { buildRpoAlertView } from '../../../src/views/protection-alert-view.js';

type Block = { block_id?: string; elements?: { text: string }[] };
const sessionsText = (m: { blocks?: unknown[] }): string | undefined =>
  (m.blocks as Block[]).find((b) => b.block_id === 'protection_sessions')?.elements?.[0]?.text;

const base = {
  job: 'Nightly',
  server: 'srv01',
  rpo: { ms: 2 * 3_600_000, source: 'default' as const },
  vms: [{ vm: 'apache02', ageMs: 3 * 3_600_000 }],
};

describe("the RPO alert with the job's last sessions", () => {
  it('lists them newest first with result and end time, escaping what EM sent', () => {
    const message = buildRpoAlertView({
      ...base,
      sessions: [
        { result: 'Failed', state: 'Stopped', endTime: new Date('2026-01-02T03:04:00Z') },
        { result: '<!channel> *odd*', state: 'Stopped', endTime: new Date('2026-01-01T03:04:00Z') },
        { result: 'None', state: 'Working', endTime: undefined },
      ],
    });
    const line = sessionsText(message) ?? '';
    expect(line.startsWith('Last sessions: :x: Failed, ended 2026-01-02 03:04 UTC · ')).toBe(true);
    expect(line).not.toContain('<!channel>');
    expect(line).toContain('&lt;!channel&gt;');
    expect(line).toContain(':arrow_forward: Working, still running');

    const { text } = renderBlocks(message, { color: false });
    expect(text).toContain('Last sessions: ❌ Failed, ended 2026-01-02 03:04 UTC');
  });

  it('says when there were none or they could not be read', () => {
    expect(sessionsText(buildRpoAlertView({ ...base, sessions: [] }))).toBe('Last sessions: none');
    expect(sessionsText(buildRpoAlertView(base))).toBe('Last sessions: could not be read');
  });
});
