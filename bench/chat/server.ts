/** One Tend process as it runs in production — HTTP, realtime and the job worker — for the chat benchmark; a child so that its memory is measured alone. */
import { loadConfig } from '../../src/config.ts';
import { startTend } from '../../src/server.ts';

const tend = await startTend({ ...loadConfig(), port: 0, host: '127.0.0.1', logLevel: 'warn' });
console.log(`READY ${tend.url}`);
process.on('SIGTERM', () => {
  tend.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
