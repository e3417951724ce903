import { readFileSync } from 'node:fs';

export interface TestTls {
  readonly certPem: string;
  readonly keyPem: string;
}

export function testTls(): TestTls {
  const certFile = process.env.TEST_SANDBOX_CERT_FILE;
  const keyFile = process.env.TEST_SANDBOX_KEY_FILE;
  if (!certFile || !keyFile) throw new Error('test/support/global-setup.ts did not run');
  return { certPem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8') };
}
