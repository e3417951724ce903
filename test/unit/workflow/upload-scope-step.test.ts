import { describe, expect, it } from 'vitest';
import { parseGuidance } from '../../../core/workflow/guidance.js';
import { createUploadScopeStep } from '../../../core/workflow/steps/upload-scope-step.js';
import { device, FakeWorld } from './fakes.js';
import { check, perform } from './step-context.js';

const FINANCE = { collectionId: 'PS100042', collectionName: 'Finance Laptops' };

function setup() {
  const world = new FakeWorld([
    device('PS100001', 'All Workstations'),
    device('PS100042', 'Finance Laptops', { limitToCollectionId: 'PS100040' }),
    device('PS100040', 'Finance', { limitToCollectionId: 'PS100001' }),
    device('PS100050', 'Servers'),
  ]);
  world.attached = true;
  return { world, handler: createUploadScopeStep(world.services()) };
}

describe('upload-scope check', () => {
  it('is done when the scope is all devices or the collection itself', async () => {
    const { world, handler } = setup();
    expect(await check(handler, FINANCE)).toMatchObject({
      done: true,
      message: expect.stringContaining('all devices'),
    });
    world.uploadScope = { kind: 'collection', collectionId: 'PS100042' };
    expect(await check(handler, FINANCE)).toMatchObject({ done: true });
  });

  it('is done for a subcollection of the scope collection, following limiting collections', async () => {
    const { world, handler } = setup();
    world.uploadScope = { kind: 'collection', collectionId: 'PS100001' };
    expect(await check(handler, FINANCE)).toMatchObject({ done: true });
  });

  it('is not done when the scope is another collection, or before tenant attach', async () => {
    const { world, handler } = setup();
    world.uploadScope = { kind: 'collection', collectionId: 'PS100050' };
    expect(await check(handler, FINANCE)).toEqual({
      done: false,
      seen: expect.stringContaining('the upload scope'),
      awaiting: expect.stringMatching(/ inside it$/),
    });
    world.uploadScope = { kind: 'all' };
    world.attached = false;
    expect(await check(handler, FINANCE)).toEqual({
      done: false,
      seen: 'the tenant attach state in ConfigMgr',
      awaiting: 'tenant attach turned on',
    });
  });

  it('with an unreadable scope, is done only when Intune lists the collection', async () => {
    const { world, handler } = setup();
    world.uploadScope = { kind: 'unknown' };
    expect(await check(handler, FINANCE)).toEqual({
      done: false,
      seen: 'the synced collections in Intune',
      awaiting: expect.stringMatching(/ among them$/),
    });
    world.synced = ['PS100042'];
    expect(await check(handler, FINANCE)).toMatchObject({ done: true });
  });
});

describe('upload-scope perform', () => {
  it('guides the admin to the Configure upload tab, naming the current scope', async () => {
    const { world, handler } = setup();
    world.uploadScope = { kind: 'collection', collectionId: 'PS100050' };
    const outcome = await perform(handler, FINANCE);
    expect(outcome.kind).toBe('waiting-for-admin');
    const guidance = outcome.kind === 'waiting-for-admin' ? parseGuidance(outcome.guidance) : undefined;
    expect(guidance?.steps.join('\n')).toContain(
      'Configure upload tab. The upload scope is now the collection PS100050',
    );
    expect(guidance?.steps.join('\n')).toContain('Finance Laptops (PS100042)');
  });

  it('sends the user to attach first when the hierarchy is not attached', async () => {
    const { world, handler } = setup();
    world.attached = false;
    expect(await perform(handler, FINANCE)).toMatchObject({
      kind: 'failed',
      problem: { fix: expect.stringContaining('Type attach first') },
    });
  });

  it('skips, saying so, when the scope cannot be read', async () => {
    const { world, handler } = setup();
    world.uploadScope = { kind: 'unknown' };
    expect(await perform(handler, FINANCE)).toMatchObject({
      kind: 'skipped',
      message: expect.stringContaining('could not check it'),
    });
  });
});

describe('upload-scope perform for a collection that is gone', () => {
  it('says the collection was not found', async () => {
    const { world, handler } = setup();
    world.uploadScope = { kind: 'collection', collectionId: 'PS100050' };
    world.collections.delete('PS100042');
    expect(await perform(handler, FINANCE)).toMatchObject({
      kind: 'failed',
      problem: { title: 'Collection not found' },
    });
  });
});
