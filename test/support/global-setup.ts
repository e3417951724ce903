import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

/**
 * One certificate for every sandbox the tests start. Workers are forked after this runs, so they inherit
 * NODE_EXTRA_CA_CERTS and trust the sandbox exactly as the bot process started by `npm start` does.
 */
export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'attachops-test-tls-'));
  const pems = await generate([{ name: 'commonName', value: 'AttachOps sandbox (tests)' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  });
  const certFile = join(dir, 'sandbox-ca.pem');
  const keyFile = join(dir, 'sandbox-key.pem');
  writeFileSync(certFile, pems.cert);
  writeFileSync(keyFile, pems.private, { mode: 0o600 });
  process.env.NODE_EXTRA_CA_CERTS = certFile;
  process.env.TEST_SANDBOX_CERT_FILE = certFile;
  process.env.TEST_SANDBOX_KEY_FILE = keyFile;
  return () => rmSync(dir, { recursive: true, force: true });
}
