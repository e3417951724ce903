import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { playgroundEnvironment } from '../../../scripts/lib/playground.mjs';

const PROGRAM = `
const http = require('node:http');
const server = http.createServer();
server.listen(0, () => { console.log(server.address().address); server.close(); });
`;

describe('the playground is kept on loopback', () => {
  it('binds servers that name no host to 127.0.0.1', () => {
    const env = playgroundEnvironment({ PATH: process.env.PATH ?? '' }, 'http://127.0.0.1:3978/api/messages');
    const address = execFileSync(process.execPath, ['-e', PROGRAM], { env, encoding: 'utf8' }).trim();
    expect(address).toBe('127.0.0.1');
  });

  it('without the preload the same server listens on every interface (so the test can fail)', () => {
    const address = execFileSync(process.execPath, ['-e', PROGRAM], {
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    }).trim();
    expect(address).not.toBe('127.0.0.1');
  });
});
