import { buildBrokenChannelView, channelRef } from '../../../src/views/broken-channel-view.js';
import { blockById, textOf } from './block-queries.js';

describe('buildBrokenChannelView', () => {
  it('names the channel, Slack’s code and the fix', () => {
    const view = buildBrokenChannelView({
      channel: 'C0GONE',
      slackCode: 'not_in_channel',
      fix: '/invite the bot to that channel, or fix ALERT_CHANNEL / the subscription',
    });

    expect(textOf(blockById(view, 'broken_channel'))).toContain('<#C0GONE>');
    expect(textOf(blockById(view, 'broken_channel'))).toContain('`not_in_channel`');
    expect(textOf(blockById(view, 'broken_channel_fix'))).toContain('/invite the bot');
    expect(view.text).toContain('<#C0GONE>');
  });

  it('links channel IDs only; a name from config stays literal text', () => {
    expect(channelRef('G123ABC')).toBe('<#G123ABC>');
    expect(channelRef('<!channel>')).not.toContain('<!channel>');
  });
});
