/** One Tend app process for the web benchmark: HTTP and realtime only, no job worker. */
import { loadConfig } from '../../src/config.ts';
import { startTend } from '../../src/server.ts';

const tend = await startTend({ ...loadConfig(), port: 0, host: '127.0.0.1', logLevel: 'warn' }, { worker: false });
console.log(`READY ${tend.url}`);
process.on('SIGTERM', () => {
  tend.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
