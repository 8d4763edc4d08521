import 'server-only';
/**
 * JSON logs (pino) with secrets redacted by path, as a second line of defence: no code here
 * logs a password, but an accidental `log.info({ input })` must not leak one either.
 */
import pino from 'pino';
import { PRODUCT_ID } from './product';

export const log = pino({
  base: { service: PRODUCT_ID },
  redact: {
    paths: [
      'password',
      'confirmation',
      '*.password',
      '*.confirmation',
      '*.Password',
      'input',
      '*.input',
      'headers.cookie',
      'headers.authorization',
    ],
    censor: '[redacted]',
  },
});
