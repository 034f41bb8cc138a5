import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createInFlightRequests } from '../../../src/slack/in-flight.js';
import { createWorkQueue } from '../../../src/slack/work-queue.js';

const fakeResponse = () => new EventEmitter() as unknown as ServerResponse;
const request = {} as IncomingMessage;

describe('createInFlightRequests', () => {
  it('counts a request until its answer is sent, once even when the socket also closes', async () => {
    const inFlight = createInFlightRequests();
    const [a, b] = [fakeResponse(), fakeResponse()];
    inFlight.track(request, a);
    inFlight.track(request, b);
    let idle = false;
    const waiting = inFlight.whenIdle().then(() => (idle = true));
    a.emit('finish');
    a.emit('close');
    await Promise.resolve();
    expect(inFlight.count()).toBe(1);
    expect(idle).toBe(false);
    b.emit('close');
    await waiting;
    expect(inFlight.count()).toBe(0);
  });

  it('stops waiting after the bound when requests never finish', async () => {
    const inFlight = createInFlightRequests(5);
    inFlight.track(request, fakeResponse());
    await inFlight.whenIdle();
    expect(inFlight.count()).toBe(1);
  });
});

describe('createWorkQueue', () => {
  it('starts work only once the receiver is idle', async () => {
    let openIdle: () => void = () => undefined;
    const idle = new Promise<void>((resolve) => (openIdle = resolve));
    const queue = createWorkQueue(8, () => idle);
    const started: number[] = [];
    const done = Promise.all([1, 2].map((n) => queue(async () => started.push(n))));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([]);
    openIdle();
    await done;
    expect(started.sort()).toEqual([1, 2]);
  });
});
