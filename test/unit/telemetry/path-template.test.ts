import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathTemplate } from '../../../adapters/telemetry/path-template.js';

describe('path templates for span names and attributes', () => {
  it.each([
    [
      "https://graph.microsoft.com/beta/deviceManagement/configurationPolicies?$filter=name eq 'x'",
      '/beta/deviceManagement/configurationPolicies',
    ],
    ['https://graph.microsoft.com/v1.0/$batch', '/v1.0/$batch'],
    ['/beta/users/alex.wilber@contoso.com/memberOf', '/beta/users/{id}/memberOf'],
    [
      '/beta/deviceManagement/configurationPolicies/0f8fad5b-d9cb-469f-a165-70867728950e/assign',
      '/beta/deviceManagement/configurationPolicies/{id}/assign',
    ],
    ["/wmi/SMS_Collection('PS100042')", '/wmi/SMS_Collection({id})'],
    ['/v1.0/Device(16777220)', '/v1.0/Device({id})'],
    ['/beta/groups/abcdefabcdef/members', '/beta/groups/{id}/members'],
  ])('%s → %s', (path, template) => {
    expect(pathTemplate(path)).toBe(template);
  });

  it('keeps no value: the template is the same whatever id, name or query the path carries', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          ['/beta/users/', '/memberOf'],
          ["/wmi/SMS_Collection('", "')"],
          ['/v1.0/Device(', ')'],
          ['/beta/deviceManagement/configurationPolicies/', '/assign'],
        ),
        fc
          .string({ minLength: 1, maxLength: 40 })
          .filter((value) => !/[/?#]/.test(value) && (/[^A-Za-z_$]/.test(value) || /^[a-f]{8,}$/i.test(value))),
        fc.string({ maxLength: 30 }),
        ([before, after], value, query) => {
          expect(pathTemplate(`${before}${value}${after}?${query}`)).toBe(pathTemplate(`${before}1${after}`));
        },
      ),
    );
  });
});
