import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator/index.js';
import { START } from './time.js';

/**
 * The simulator as most tests want it: its clock stepped by the test from START, no live scenario, a free
 * port. `options` override any of these (history defaults to the simulator's own).
 */
export function startManualSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ live: false, clock: { manual: true, startTime: START }, ...options });
}
