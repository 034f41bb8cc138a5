import type { XmlNode } from '../xml.js';
import type { EmTask } from '../estate-types.js';
import { asNode, optionalText, resource, text } from './fields.js';

/**
 * Maps an EM `Task` (the answer to an action, and `/tasks/{ID}`): `Result` carries `Success` as an attribute
 * and the one-line `Message` as an element; a running task has no `Result` yet (docs/em-protocol.md, "Job actions and tasks").
 */
export function mapTask(node: XmlNode): EmTask {
  const base = resource(node);
  const result = asNode(node['Result']);
  const success = result ? text(result, 'Success')?.trim().toLowerCase() : undefined;
  return {
    taskId: text(node, 'TaskId') ?? '',
    href: base.href,
    state: text(node, 'State') ?? '',
    operation: optionalText(node, 'Operation'),
    success: success === undefined ? undefined : success === 'true',
    message: result ? optionalText(result, 'Message')?.trim() : undefined,
    related: base.links.find((link) => link.rel === 'Related'),
    links: base.links,
  };
}
