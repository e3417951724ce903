import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { testTls } from '../support/tls.js';

describe('test TLS trust', () => {
  it('workers trust the generated certificate through NODE_EXTRA_CA_CERTS', async () => {
    const { certPem, keyPem } = testTls();
    const server = createServer({ cert: certPem, key: keyPem }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const response = await fetch(`https://127.0.0.1:${port}/`);
      expect(await response.text()).toBe('ok');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
