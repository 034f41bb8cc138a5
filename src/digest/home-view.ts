import type { KnownBlock } from '../views/format/block-kit.js';
import { actions, button, context, divider, fieldsSection, header, section } from '../views/blocks.js';
import { boldName, escapeMrkdwn } from '../views/format/escape-mrkdwn.js';
import { slackDate } from '../views/format/slack-date.js';
import { truncate } from '../views/format/truncate.js';
import { FOLLOW_LINK, PICK_SUGGESTION } from '../views/ids.js';
import { countsLine, kindLine, repositoryLine } from './digest-text.js';
import { DIGEST_KINDS, noCounts, type ResultCounts } from './digest-types.js';
import type { HomeData } from './home-data.js';

/** Block Kit's limit of blocks in a Home tab view. */
export const HOME_BLOCK_LIMIT = 100;
const MAX_RUNNING = 20;
const MAX_INCIDENTS = 20;
const MAX_LINES = 10;

/** A Home tab view as `views.publish` takes it. */
export interface HomeView {
  type: 'home';
  blocks: KnownBlock[];
}

const more = (n: number, blockId: string): KnownBlock[] =>
  n > 0 ? [context([`… and ${n} more`], blockId)] : [];

/** Up to `max` lines of a list as one section, with `… and N more` for the rest. */
function lineList(title: string, lines: string[], blockId: string): KnownBlock[] {
  const shown = lines.slice(0, MAX_LINES).map((l) => truncate(l, 2900 / MAX_LINES));
  if (lines.length > MAX_LINES) shown.push(`… and ${lines.length - MAX_LINES} more`);
  return [section(`*${title}: ${lines.length}*\n${shown.join('\n')}`, blockId)];
}

function runningBlocks(data: HomeData): KnownBlock[] {
  if (data.running.length === 0) return [section('*Running now:* nothing', 'home:running')];
  const blocks = [section(`*Running now: ${data.running.length}*`, 'home:running')];
  data.running.slice(0, MAX_RUNNING).forEach((s, i) => {
    const progress = s.progress === undefined ? '' : ` · ${s.progress}%`;
    const text = `:arrows_counterclockwise: ${boldName(truncate(s.jobName, 150))}${progress}`;
    blocks.push(section(text, `home:running:${i}`, button(FOLLOW_LINK, 'Session', { value: s.href })));
  });
  return [...blocks, ...more(data.running.length - MAX_RUNNING, 'home:running_more')];
}

function incidentBlocks(data: HomeData): KnownBlock[] {
  if (data.incidents.length === 0) return [section('*Open incidents:* none', 'home:incidents')];
  const blocks = [section(`*Open incidents: ${data.incidents.length}*`, 'home:incidents')];
  data.incidents.slice(0, MAX_INCIDENTS).forEach((i, n) => {
    const claim = i.claimedBy ? `claimed by ${escapeMrkdwn(i.claimedBy)}` : 'unclaimed';
    const text = `:rotating_light: ${boldName(truncate(i.jobName, 150))} · ${escapeMrkdwn(i.lastResult)} · ${i.failures} failure(s) · ${claim}`;
    blocks.push(section(text, `home:incident:${n}`));
  });
  return [...blocks, ...more(data.incidents.length - MAX_INCIDENTS, 'home:incidents_more')];
}

function totals(data: HomeData): ResultCounts {
  return DIGEST_KINDS.reduce((s, k) => {
    const c = data.byKind[k];
    return { success: s.success + c.success, warning: s.warning + c.warning, failed: s.failed + c.failed };
  }, noCounts());
}

/** The person's dashboard: running now, open incidents, the last 24 h, breaches, repositories, subscriptions. */
export function buildHomeView(data: HomeData): HomeView {
  const breaches = data.breaches.map(
    (j) => `:shield: ${boldName(truncate(j.name, 150))} · ${j.state} · ${j.vms.length} VM(s)`,
  );
  const subs = data.subscriptions.map(
    (s) =>
      `<#${s.channel}> · ${[s.type, s.job && escapeMrkdwn(s.job), s.server && escapeMrkdwn(s.server), s.level].filter(Boolean).join(' · ') || 'everything'}`,
  );
  const blocks: KnownBlock[] = [
    header('Veeam dashboard', 'home:header'),
    context([`As of ${slackDate(new Date(data.asOfMs))} · refreshed at most once a minute`], 'home:as_of'),
    section(`*Last 24h:* ${countsLine(totals(data))}`, 'home:last24h'),
    fieldsSection(
      DIGEST_KINDS.map((k) => kindLine(k, data.byKind[k])),
      'home:kinds',
    ),
    actions(
      [
        button(PICK_SUGGESTION, 'Report', { value: 'report 24h' }),
        button(PICK_SUGGESTION, 'Failures', { value: 'failures 24h' }),
        button(PICK_SUGGESTION, 'Protection', { value: 'protection' }),
        button(PICK_SUGGESTION, 'Repositories', { value: 'repos' }),
      ],
      'home:buttons',
    ),
    divider('home:divider'),
    ...incidentBlocks(data),
    ...runningBlocks(data),
    ...lineList('Protection breaches', breaches, 'home:breaches'),
    ...lineList(
      'Repositories',
      data.repositories.map((r) => `:floppy_disk: ${repositoryLine(r)}`),
      'home:repositories',
    ),
    ...lineList('Subscriptions', subs, 'home:subscriptions'),
  ];
  return { type: 'home', blocks: blocks.slice(0, HOME_BLOCK_LIMIT) };
}
