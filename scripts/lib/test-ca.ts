/**
 * A throwaway certificate authority and one server certificate for 127.0.0.1, made with openssl,
 * for the test directories' LDAPS. The portal trusts the CA by its file (pinned), so nothing in
 * the tests turns certificate checks off.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCertificates {
  ca: string;
  cert: string;
  key: string;
}

export function makeTestCertificates(dir: string, commonName: string): TestCertificates {
  mkdirSync(dir, { recursive: true });
  const files = { ca: join(dir, 'ca.pem'), cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') };
  if (Object.values(files).every((f) => existsSync(f))) return files;
  const caKey = join(dir, 'ca-key.pem');
  const csr = join(dir, 'cert.csr');
  const ext = join(dir, 'cert.ext');
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-days',
    '30',
    '-subj',
    `/CN=${commonName} test CA`,
    '-keyout',
    caKey,
    '-out',
    files.ca,
  );
  openssl(
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-subj',
    `/CN=${commonName}`,
    '-keyout',
    files.key,
    '-out',
    csr,
  );
  writeFileSync(
    ext,
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n',
  );
  openssl(
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    files.ca,
    '-CAkey',
    caKey,
    '-CAcreateserial',
    '-days',
    '30',
    '-extfile',
    ext,
    '-out',
    files.cert,
  );
  chmodSync(files.key, 0o600);
  return files;
}
