import { ordinalOf, RESULTS, SESSION_STATES, TASK_STATES } from '../model/enums.js';
import { parseEmDate } from '../util/dates.js';
import { ControlError } from './session-spec.js';

/** An enum value from the control API, case-insensitive; 400 when unknown. */
export function enumValue(list: readonly string[], value: unknown, what: string): number | undefined {
  if (value === undefined) return undefined;
  const ordinal = typeof value === 'string' ? ordinalOf(list, value) : -1;
  if (ordinal < 0) throw new ControlError(`${what} must be one of ${list.join(', ')}`);
  return ordinal;
}

export const sessionState = (v: unknown): number | undefined => enumValue(SESSION_STATES, v, 'state');
export const taskState = (v: unknown): number | undefined => enumValue(TASK_STATES, v, 'task state');
export const resultValue = (v: unknown): number | undefined => enumValue(RESULTS, v, 'result');

/** An ISO date from the control API; 400 when malformed. */
export function dateValue(value: unknown, what: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = typeof value === 'string' ? parseEmDate(value) : undefined;
  if (ms === undefined) throw new ControlError(`${what} must be an ISO date`);
  return ms;
}

/** A number in a range; 400 otherwise. */
export function numberValue(value: unknown, what: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ControlError(`${what} must be a number between ${min} and ${max}`);
  }
  return value;
}

export function stringValue(value: unknown, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new ControlError(`${what} must be a string`);
  return value;
}

export function boolValue(value: unknown, what: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new ControlError(`${what} must be true or false`);
  return value;
}

/** The body as an object; 400 otherwise. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ControlError('the body must be a JSON object');
  return body as Record<string, unknown>;
}
