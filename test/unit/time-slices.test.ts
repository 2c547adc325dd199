import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TimeSlices } from '../../server/src/node/time-slices.js';

/** Runs three jobs; the first asks the event loop for a turn (`setImmediate`). Returns the order of events. */
async function order(slices: TimeSlices): Promise<string[]> {
  const events: string[] = [];
  const jobs = [
    slices.run(() => {
      events.push('job 1');
      setImmediate(() => events.push('event loop'));
    }),
    slices.run(() => events.push('job 2')),
    slices.run(() => events.push('job 3')),
  ];
  await Promise.all(jobs);
  await new Promise((resolve) => setImmediate(resolve));
  return events;
}

describe('TimeSlices', () => {
  it('gives the event loop a turn once a slice has lasted its time', async () => {
    // A slice of no time ends after each job.
    assert.deepEqual(await order(new TimeSlices(0)), ['job 1', 'event loop', 'job 2', 'job 3']);
  });

  it('runs queued jobs back to back within a slice', async () => {
    assert.deepEqual(await order(new TimeSlices(60_000)), ['job 1', 'job 2', 'job 3', 'event loop']);
  });

  it("gives each job's result or exception to its caller only, in the order asked", async () => {
    const slices = new TimeSlices(0);
    const results = await Promise.allSettled([
      slices.run(() => 1),
      slices.run(() => {
        throw new Error('unreadable');
      }),
      slices.run(() => 'three'),
    ]);
    assert.deepEqual(
      results.map((result) => (result.status === 'fulfilled' ? result.value : (result.reason as Error).message)),
      [1, 'unreadable', 'three'],
    );
  });

  it('keeps running jobs queued by jobs that finished, however many', async () => {
    const slices = new TimeSlices(0);
    let count = 0;
    const chain = async (): Promise<void> => {
      for (let job = 0; job < 1500; job++) await slices.run(() => count++);
    };
    await Promise.all([chain(), chain()]);
    assert.equal(count, 3000);
  });
});
