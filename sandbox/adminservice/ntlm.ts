import { createHmac, randomBytes } from 'node:crypto';
import { md4 } from './md4.js';

const SIGNATURE = Buffer.from('NTLMSSP\0', 'ascii');
const FLAG_UNICODE = 0x00000001;
const FLAG_REQUEST_TARGET = 0x00000004;
const FLAG_NTLM = 0x00000200;
const FLAG_ALWAYS_SIGN = 0x00008000;
const FLAG_TARGET_TYPE_DOMAIN = 0x00010000;
const FLAG_EXTENDED_SECURITY = 0x00080000;
const FLAG_TARGET_INFO = 0x00800000;
const FLAG_VERSION = 0x02000000;
const TYPE2_FLAGS =
  FLAG_UNICODE |
  FLAG_REQUEST_TARGET |
  FLAG_NTLM |
  FLAG_ALWAYS_SIGN |
  FLAG_TARGET_TYPE_DOMAIN |
  FLAG_EXTENDED_SECURITY |
  FLAG_TARGET_INFO |
  FLAG_VERSION;

export function ntlmMessageType(token: Buffer): number | undefined {
  if (token.length < 12 || !token.subarray(0, 8).equals(SIGNATURE)) return undefined;
  return token.readUInt32LE(8);
}

function avPair(id: number, value: string): Buffer {
  const data = Buffer.from(value, 'utf16le');
  const head = Buffer.alloc(4);
  head.writeUInt16LE(id, 0);
  head.writeUInt16LE(data.length, 2);
  return Buffer.concat([head, data]);
}

/** The server challenge (Type 2) for domain CONTOSO, server CM01, with target info so clients answer NTLMv2. */
export function createChallengeMessage(): { message: Buffer; serverChallenge: Buffer } {
  const serverChallenge = randomBytes(8);
  const targetName = Buffer.from('CONTOSO', 'utf16le');
  const targetInfo = Buffer.concat([
    avPair(2, 'CONTOSO'),
    avPair(1, 'CM01'),
    avPair(4, 'contoso.com'),
    avPair(3, 'cm01.contoso.com'),
    Buffer.alloc(4),
  ]);
  const headerLength = 56;
  const head = Buffer.alloc(headerLength);
  SIGNATURE.copy(head, 0);
  head.writeUInt32LE(2, 8);
  head.writeUInt16LE(targetName.length, 12);
  head.writeUInt16LE(targetName.length, 14);
  head.writeUInt32LE(headerLength, 16);
  head.writeUInt32LE(TYPE2_FLAGS, 20);
  serverChallenge.copy(head, 24);
  head.writeUInt16LE(targetInfo.length, 40);
  head.writeUInt16LE(targetInfo.length, 42);
  head.writeUInt32LE(headerLength + targetName.length, 44);
  Buffer.from([10, 0, 0x61, 0x4a, 0, 0, 0, 15]).copy(head, 48);
  return { message: Buffer.concat([head, targetName, targetInfo]), serverChallenge };
}

export interface AuthenticateMessage {
  readonly domain: string;
  readonly user: string;
  readonly workstation: string;
  readonly lmResponse: Buffer;
  readonly ntResponse: Buffer;
}

export function parseAuthenticateMessage(token: Buffer): AuthenticateMessage | undefined {
  if (ntlmMessageType(token) !== 3 || token.length < 64) return undefined;
  const field = (offset: number): Buffer => {
    const length = token.readUInt16LE(offset);
    const at = token.readUInt32LE(offset + 4);
    return token.subarray(at, at + length);
  };
  const unicode = (token.readUInt32LE(60) & FLAG_UNICODE) !== 0;
  const text = (b: Buffer): string => b.toString(unicode ? 'utf16le' : 'latin1');
  return {
    lmResponse: field(12),
    ntResponse: field(20),
    domain: text(field(28)),
    user: text(field(36)),
    workstation: text(field(44)),
  };
}

const hmacMd5 = (key: Buffer, data: Buffer): Buffer => createHmac('md5', key).update(data).digest();

/** NTLMv2 check (MS-NLMP 3.3.2): NTProofStr == HMAC_MD5(NTOWFv2, serverChallenge || blob). */
export function verifyNtlmV2(message: AuthenticateMessage, password: string, serverChallenge: Buffer): boolean {
  if (message.ntResponse.length <= 24) return false;
  const ntHash = md4(Buffer.from(password, 'utf16le'));
  const responseKey = hmacMd5(ntHash, Buffer.from(message.user.toUpperCase() + message.domain, 'utf16le'));
  const proof = message.ntResponse.subarray(0, 16);
  const blob = message.ntResponse.subarray(16);
  return hmacMd5(responseKey, Buffer.concat([serverChallenge, blob])).equals(proof);
}
