import { newestPointOfVm } from '../../em/estate.js';
import { jobNameOfTask, latestTaskSessionsOfVm } from '../../em/lookups.js';
import { buildVmView } from '../../views/vm-view.js';
import { UsageError } from '../../shared/errors.js';
import { unquote } from '../parse-text.js';
import { isRef, resolveName } from '../resolve-name.js';
import type { CommandHandler } from '../types.js';

const TASKS_SHOWN = 10;

/** `/veeam vm <name>`: the VM's newest restore points and task sessions across backup, replication and CDP, with their jobs. */
export const vmCommand: CommandHandler = async (rest, _context, deps) => {
  const asked = unquote(rest);
  if (!asked) throw new UsageError('Which VM? Try `/veeam vm apache02`');
  let name = asked;
  // A suggestion button names the VM by ref: resolve it first; a typed name is tried as typed.
  let tasks = isRef(asked) ? [] : await latestTaskSessionsOfVm(deps.client, name, TASKS_SHOWN);
  if (tasks.length === 0) {
    // Not found as typed: it may be a case or spelling slip; the catalog knows recently seen VMs.
    const resolved = await resolveName(asked, ['vm'], 'vm', deps);
    if ('suggestions' in resolved) return resolved.suggestions;
    name = resolved.entry.name;
    if (name !== asked) tasks = await latestTaskSessionsOfVm(deps.client, name, TASKS_SHOWN);
  }
  const newest = await newestPointOfVm(deps.client, name);
  return buildVmView(
    name,
    tasks.map((task) => ({ task, jobName: jobNameOfTask(task) })),
    {
      shareCommand: `vm ${name}`,
      now: new Date(deps.clock.now()),
      emptyText: `No task sessions of ${name}.`,
      newest,
    },
  );
};
