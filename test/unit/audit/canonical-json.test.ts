import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../core/audit/canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined, x: 'é' }], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[3,{"x":"é","z":1}]},"b":1}',
    );
  });

  it('gives the same text for objects whose keys were added in another order', () => {
    expect(canonicalJson({ one: 1, two: [2] })).toBe(canonicalJson({ two: [2], one: 1 }));
  });

  it('encodes like JSON.stringify for arrays with holes and non-finite numbers', () => {
    expect(canonicalJson([undefined, Number.NaN, -0, 1e21])).toBe(JSON.stringify([undefined, Number.NaN, -0, 1e21]));
  });

  it('refuses values JSON cannot hold faithfully', () => {
    expect(() => canonicalJson(1n)).toThrow(TypeError);
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(/Date/);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});
