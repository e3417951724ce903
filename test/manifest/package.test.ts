import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import {
  manifestProblems,
  readIcons,
  readManifest,
  withBotId,
  withCommandLists,
  zipTeamsApp,
} from '../../scripts/lib/teams-app.mjs';

const BOT_ID = '6d2f3a10-8c1b-4e0f-9a55-3b7c2d1e0f42';

describe('the Teams app package', () => {
  it('zips the manifest with the bot id filled in and both icons at the root', async () => {
    const manifest = withBotId(await readManifest(), BOT_ID);
    const zip = await JSZip.loadAsync(await zipTeamsApp(manifest, await readIcons(manifest)));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packed = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(packed.bots[0].botId).toBe(BOT_ID);
    expect(await manifestProblems(packed)).toEqual([]);
    const outline = await zip.file('outline.png')!.async('nodebuffer');
    expect(outline.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('refuses a bot id that is not a GUID', async () => {
    const manifest = await readManifest();
    expect(() => withBotId(manifest, 'my-bot')).toThrow(/GUID/);
  });

  it('replaces the command lists without touching the rest of the bot', async () => {
    const manifest = await readManifest();
    const original = structuredClone(manifest);
    const lists = [{ scopes: ['personal'], commands: [{ title: 'x', description: 'y' }] }];
    const updated = withCommandLists(manifest, lists);
    expect(updated.bots[0]).toEqual({ ...original.bots[0], commandLists: lists });
    expect(updated.id).toBe(original.id);
    expect(manifest).toEqual(original);
  });
});
