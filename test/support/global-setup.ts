import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSandboxTls } from '../../sandbox/http/tls.js';

/**
 * One certificate for every sandbox the tests start. Workers are forked after this runs, so they inherit
 * NODE_EXTRA_CA_CERTS and trust the sandbox exactly as the bot process started by `npm start` does.
 */
export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'attachops-test-tls-'));
  const pems = await generateSandboxTls('AttachOps sandbox (tests)');
  const certFile = join(dir, 'sandbox-ca.pem');
  const keyFile = join(dir, 'sandbox-key.pem');
  writeFileSync(certFile, pems.certPem);
  writeFileSync(keyFile, pems.keyPem, { mode: 0o600 });
  process.env.NODE_EXTRA_CA_CERTS = certFile;
  process.env.TEST_SANDBOX_CERT_FILE = certFile;
  process.env.TEST_SANDBOX_KEY_FILE = keyFile;
  return () => rmSync(dir, { recursive: true, force: true });
}
