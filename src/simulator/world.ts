import { buildInventory } from './scenario/inventory.js';
import { generateHistory } from './scenario/history.js';
import { LiveEngine } from './scenario/live-engine.js';
import { ScheduleRunner } from './scenario/schedule-runner.js';
import { Store } from './store/store.js';
import { emTasksOf } from './store/em-tasks.js';

/** What the world is built from. */
export interface WorldOptions {
  seed: number;
  history: number;
  live: boolean;
  /** History ends here (the scenario clock's start). */
  anchor: number;
}

/** The seeded inventory, history and live scenario; `rebuild` is POST /_sim/reset. */
export class World {
  store!: Store;
  engine: LiveEngine | undefined;
  /** Runs control-API jobs on their schedule. */
  schedule!: ScheduleRunner;
  private generation = 0;

  constructor(private readonly options: WorldOptions) {
    this.build(options.anchor);
  }

  private build(now: number): void {
    const inventory = buildInventory(this.options.seed, this.options.anchor);
    const store = new Store(this.options.seed, inventory, this.options.history + 1024, this.generation);
    generateHistory(store, this.options.history, this.options.anchor);
    this.store = store;
    this.schedule = new ScheduleRunner(store);
    this.engine = this.options.live ? new LiveEngine(store, now) : undefined;
    this.engine?.tick(now);
  }

  /** Back to the seeded history; sessions added later get fresh GUIDs. */
  rebuild(now: number): void {
    this.generation++;
    this.build(now);
  }

  tick(now: number): void {
    this.engine?.tick(now);
    emTasksOf(this.store).tick(now);
    this.schedule.tick(now);
  }
}
