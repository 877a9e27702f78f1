/**
 * One app process of the routing benchmark: runs the job worker (event dispatch, routing, SLA timers)
 * and, when told `{ from, count }`, creates that many tickets through the tickets action, answering
 * `created` when done; it keeps working until told to stop.
 */
import pino from 'pino';
import { systemActor } from '../../src/auth/index.ts';
import { createPool } from '../../src/db/pool.ts';
import { startWorker } from '../../src/jobs/worker.ts';
import { tasks } from '../../src/routes.ts';
import { createTicket } from '../../src/tickets/index.ts';

const url = process.argv[2] as string;
const CREATORS = 8;
const TAGS = ['billing', 'shipping', 'returns', 'technical'];

const db = createPool(url, 16);
const runner = await startWorker(db, tasks, pino({ level: 'silent' }), 6);
const ctx = { db, actor: systemActor };

async function create(from: number, count: number): Promise<void> {
  let next = from;
  await Promise.all(
    Array.from({ length: CREATORS }, async () => {
      while (next < from + count) {
        const i = next++;
        await createTicket(ctx, {
          subject: `Routing bench ${i}`,
          requester: { email: `customer${i % 3000}@routing.bench` },
          message: { body: 'Please help with my order.' },
          channel: 'email',
          priority: (['low', 'normal', 'normal', 'high'] as const)[Math.floor(i / TAGS.length) % 4],
          tags: [TAGS[i % TAGS.length] as string],
        });
      }
    }),
  );
}

process.on('message', async (message: 'stop' | { from: number; count: number }) => {
  if (message === 'stop') {
    await runner.stop();
    await db.end();
    process.exit(0);
  }
  await create(message.from, message.count);
  process.send?.('created');
});
process.send?.('ready');
