import { generate } from 'selfsigned';

/** A self-signed CA-flagged certificate for IP:127.0.0.1 and DNS:localhost (selfsigned 5 generates asynchronously). */
export async function generateSandboxTls(
  commonName = 'AttachOps sandbox tenant',
): Promise<{ certPem: string; keyPem: string }> {
  const pems = await generate([{ name: 'commonName', value: commonName }], {
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
  return { certPem: pems.cert, keyPem: pems.private };
}
