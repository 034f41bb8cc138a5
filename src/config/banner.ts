import type { Config } from '../config/load-config.js';

/** The first lines printed at start: which of the three modes runs, against what, and how to change it. */
export function startBanner(
  config: Config,
  details: { emUrl: string; dataFile: string | undefined },
): string[] {
  const state = details.dataFile ? `state in ${details.dataFile}` : 'state in memory (demo)';
  switch (config.mode) {
    case 'local-demo':
      return [
        `Local demo: an embedded Enterprise Manager simulator at ${details.emUrl} with live sessions, and this console standing in for Slack.`,
        'To use your Enterprise Manager set VEEAM_URL, VEEAM_USERNAME and VEEAM_PASSWORD; to connect to Slack add SLACK_BOT_TOKEN (see .env.example).',
        `Alerts print here as they happen (polling ${config.watcher.schedule}, ${state}). Type /veeam help, a /veeam command, or a button number; Ctrl-D quits.`,
      ];
    case 'console-em':
      return [
        `Console mode: Enterprise Manager at ${details.emUrl}, this console standing in for Slack (no SLACK_BOT_TOKEN set).`,
        'To connect to Slack set SLACK_BOT_TOKEN plus SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP); see .env.example.',
        `Alerts print here (polling ${config.watcher.schedule}, ${state}). Type /veeam help, a /veeam command, or a button number; Ctrl-D quits.`,
      ];
    case 'slack':
      return [
        `Slack mode (${config.slack.appToken ? 'Socket Mode' : `HTTP on port ${config.slack.port} at /slack/events`}): Enterprise Manager at ${details.emUrl}${config.em.url ? '' : ' (the embedded simulator: VEEAM_URL is not set)'}.`,
        `Alerts go to ${config.watcher.alertChannel ?? '?'} (polling ${config.watcher.schedule}, ${state}). Check the setup with: npm run doctor`,
      ];
  }
}
