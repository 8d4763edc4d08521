/**
 * `npm run emulator:workmail -- [--port 4010] [--host 127.0.0.1] [--no-auth] [--seed file.json]
 *  [--keys keys.json] [--password-min-length 8] [--password-max-length 64] [--password-classes 3]`
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startEmulator } from './server';
import { DEMO_KEYS, type AccessKey } from './sigv4';

function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'no-auth': { type: 'boolean', default: false },
      seed: { type: 'string' },
      keys: { type: 'string' },
      'password-min-length': { type: 'string' },
      'password-max-length': { type: 'string' },
      'password-classes': { type: 'string' },
    },
  });
  const number = (name: string, value: string | undefined, min: number, max: number) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      console.error(`--${name} must be a whole number from ${min} to ${max}, not "${value}"`);
      process.exit(2);
    }
    return n;
  };
  const readJson = (flag: string, file: string | undefined): unknown => {
    if (!file) return undefined;
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      console.error(`--${flag} ${file}: ${(err as Error).message}`);
      process.exit(2);
    }
  };
  const keys = (readJson('keys', values.keys) as AccessKey[] | undefined) ?? DEMO_KEYS;
  return startEmulator({
    port: number('port', values.port, 0, 65535),
    host: values.host,
    auth: !values['no-auth'],
    keys,
    seed: readJson('seed', values.seed) as never,
    passwordPolicy: {
      minLength: number('password-min-length', values['password-min-length'], 1, 256),
      maxLength: number('password-max-length', values['password-max-length'], 1, 256),
      requiredClasses: number('password-classes', values['password-classes'], 0, 4),
    },
  }).then((emulator) => {
    console.log(`WorkMail emulator listening on ${emulator.url}${values['no-auth'] ? ' (SigV4 NOT verified)' : ''}`);
    console.log('Access keys (region us-east-1, or any WorkMail region):');
    for (const k of keys) {
      console.log(`  ${k.accessKeyId} / ${k.secretAccessKey}${k.operations ? `  (only ${k.operations.join(', ')})` : ''}`);
    }
    const roles = emulator.state.sts.listRoles();
    if (roles.length) {
      console.log('STS AssumeRole on the same endpoint (docs/emulator.md); roles:');
      for (const r of roles) console.log(`  ${r.arn}${r.requireSourceIdentity ? '  (requires a source identity)' : ''}`);
    }
    console.log(`Control API: ${emulator.url}/__control/state`);
    const stop = (signal: string) => {
      console.log(`${signal}: stopping the WorkMail emulator`);
      void emulator.close().then(() => process.exit(0));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

main().catch((err: unknown) => {
  console.error(`WorkMail emulator failed to start: ${(err as Error).message}`);
  process.exit(1);
});
