/** `npm run emulator:mail -- [--smtp-port 4025] [--http-port 4012] [--host 127.0.0.1]` */
import { parseArgs } from 'node:util';
import { startMailCatcher } from './server';

const { values } = parseArgs({
  options: {
    'smtp-port': { type: 'string', default: '4025' },
    'http-port': { type: 'string', default: '4012' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});
const port = (name: string, value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`--${name} must be a port number from 0 to 65535, not "${value}"`);
    process.exit(2);
  }
  return n;
};

startMailCatcher({
  smtpPort: port('smtp-port', values['smtp-port']),
  httpPort: port('http-port', values['http-port']),
  host: values.host,
}).then(
  (catcher) => {
    console.log(`Mail catcher: SMTP ${catcher.smtpUrl}, messages at ${catcher.httpUrl}/messages`);
    const stop = (signal: string) => {
      console.log(`${signal}: stopping the mail catcher`);
      void catcher.close().then(() => process.exit(0));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  },
  (err: unknown) => {
    console.error(`Mail catcher failed to start: ${(err as Error).message}`);
    process.exit(1);
  },
);
