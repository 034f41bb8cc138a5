import { countStates, STATE_ORDER, type ProtectionState } from '../protection/assess.js';
import type { JobProtection } from '../protection/overview.js';
import { describeRpoSource, type Rpo } from '../protection/rpo.js';
import { formatDuration } from '../shared/duration.js';
import { context, header, section } from './blocks.js';
import type { KnownBlock, SlackMessage } from './format/block-kit.js';
import { boldName, escapeMrkdwn } from './format/escape-mrkdwn.js';
import { packLines, truncate } from './format/truncate.js';
import { finishView } from './finish-view.js';

const EMOJI: Record<ProtectionState, string> = {
  missed: ':alarm_clock:',
  stale: ':hourglass:',
  disabled: ':double_vertical_bar:',
  protected: ':white_check_mark:',
};
/** Lines one answer lists before "… and N more". */
export const LINES_SHOWN = 60;

const rpoText = (rpo: Rpo | undefined): string =>
  rpo ? `RPO ${formatDuration(rpo.ms)} (${describeRpoSource(rpo.source)})` : 'no RPO known yet';

function moreLine(hidden: number, staleHidden: number): string {
  return `… and ${hidden} more, ${staleHidden} stale`;
}

/** `/veeam protection`: jobs and VMs counted by state, then the jobs worst first. */
export function buildProtectionOverviewView(jobs: readonly JobProtection[]): SlackMessage {
  const jobCounts = countStates(jobs.map((j) => j.state));
  const vms = jobs.flatMap((j) => j.vms);
  const staleVms = vms.filter((vm) => vm.state === 'stale').length;
  const counts = STATE_ORDER.map((s) => `${EMOJI[s]} ${s} *${jobCounts[s]}*`).join(' · ');
  const lines = jobs.slice(0, LINES_SHOWN).map((job) => {
    const stale = job.vms.filter((vm) => vm.state === 'stale').length;
    return `${EMOJI[job.state]} ${boldName(truncate(job.name, 150))} · ${job.state} · ${stale}/${job.vms.length} VMs stale · ${escapeMrkdwn(rpoText(job.rpo))}`;
  });
  const hidden = jobs.slice(LINES_SHOWN);
  if (hidden.length)
    lines.push(escapeMrkdwn(moreLine(hidden.length, hidden.filter((j) => j.state !== 'protected').length)));
  const text = `Protection: ${jobs.length} jobs (${jobCounts.missed} missed, ${jobCounts.stale} stale, ${jobCounts.disabled} disabled, ${jobCounts.protected} protected), ${staleVms} of ${vms.length} VMs stale`;
  const blocks: KnownBlock[] = [
    header('Protection'),
    section(`Jobs: ${counts}\nVMs: ${staleVms} stale of ${vms.length}`, 'protection_counts'),
    section(lines.length ? packLines(lines, 2900) : 'No watched jobs seen yet.', 'protection_jobs'),
    context([escapeMrkdwn('`/veeam protection <job or VM>` for one of them')], 'protection_hint'),
  ];
  return finishView(text, blocks);
}

/** `/veeam protection <job>`: the job's VMs, oldest point first, each point's age against the RPO. */
export function buildJobProtectionView(job: JobProtection): SlackMessage {
  const lines = job.vms
    .slice(0, LINES_SHOWN)
    .map(
      (vm) =>
        `${EMOJI[vm.state]} ${boldName(truncate(vm.vm, 150))} · ${vm.ageMs === undefined ? 'no restore point seen' : `newest point ${formatDuration(vm.ageMs)} old`}`,
    );
  const hidden = job.vms.slice(LINES_SHOWN);
  if (hidden.length)
    lines.push(escapeMrkdwn(moreLine(hidden.length, hidden.filter((vm) => vm.state === 'stale').length)));
  const stale = job.vms.filter((vm) => vm.state === 'stale').length;
  const summary = `${EMOJI[job.state]} ${boldName(truncate(job.name, 150))} is *${job.state}*: ${escapeMrkdwn(rpoText(job.rpo))}; ${stale} of ${job.vms.length} VMs stale`;
  const blocks: KnownBlock[] = [
    header(`Protection: ${truncate(job.name, 130)}`),
    section(summary, 'protection_job'),
    section(lines.length ? packLines(lines, 2900) : 'No restore points seen yet.', 'protection_vms'),
  ];
  return finishView(
    `${escapeMrkdwn(job.name)}: ${job.state}, ${stale} of ${job.vms.length} VMs stale`,
    blocks,
  );
}

/** `/veeam protection <VM>`: the VM's newest point in each job that protects it (backup and replica). */
export function buildVmProtectionView(vm: string, jobs: readonly JobProtection[], now: number): SlackMessage {
  const lines = jobs.flatMap((job) =>
    job.vms
      .filter((v) => v.vm.toLowerCase() === vm.toLowerCase())
      .map((v) => {
        if (v.ageMs === undefined)
          return `${EMOJI[v.state]} in ${boldName(truncate(job.name, 150))}: no restore point seen · ${escapeMrkdwn(rpoText(job.rpo))}`;
        const kind = v.kind === 'VmReplicaPoint' ? 'replica' : 'backup';
        const since = new Date(now - v.ageMs).toISOString().replace('T', ' ').slice(0, 16);
        return `${EMOJI[v.state]} ${kind} by ${boldName(truncate(job.name, 150))}: newest point ${since} UTC (${formatDuration(v.ageMs)} old) · ${escapeMrkdwn(rpoText(job.rpo))}`;
      }),
  );
  const protectedNow =
    lines.length > 0 &&
    jobs.every((j) => j.vms.every((v) => v.vm.toLowerCase() !== vm.toLowerCase() || v.state === 'protected'));
  const verdict =
    lines.length === 0 ? 'is in no watched job' : protectedNow ? 'is protected' : 'has a stale restore point';
  const blocks: KnownBlock[] = [
    header(`Protection: ${truncate(vm, 130)}`),
    section(`${boldName(truncate(vm, 150))} ${verdict}`, 'protection_vm'),
  ];
  if (lines.length) blocks.push(section(packLines(lines, 2900), 'protection_points'));
  return finishView(`${escapeMrkdwn(vm)} ${verdict}`, blocks);
}
