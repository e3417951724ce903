import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSandboxTls } from '../../sandbox/index.js';

const CERT_ENV = 'ATTACHOPS_BENCH_CERT';
const KEY_ENV = 'ATTACHOPS_BENCH_KEY';

export interface BenchTls {
  readonly certPem: string;
  readonly keyPem: string;
}

/**
 * Node reads NODE_EXTRA_CA_CERTS only at start, so the parent makes the sandbox certificate and runs the benchmark in
 * a child that trusts it; in the child `main` gets the certificate to serve.
 */
export async function runTrustingSandbox(main: (tls: BenchTls) => Promise<void>): Promise<void> {
  const certFile = process.env[CERT_ENV];
  const keyFile = process.env[KEY_ENV];
  if (certFile !== undefined && keyFile !== undefined) {
    await main({ certPem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8') });
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'attachops-bench-'));
  try {
    const tls = await generateSandboxTls();
    const cert = join(dir, 'ca.pem');
    const key = join(dir, 'key.pem');
    writeFileSync(cert, tls.certPem);
    writeFileSync(key, tls.keyPem, { mode: 0o600 });
    const child = spawnSync(process.execPath, process.argv.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, NODE_EXTRA_CA_CERTS: cert, [CERT_ENV]: cert, [KEY_ENV]: key },
    });
    process.exitCode = child.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
