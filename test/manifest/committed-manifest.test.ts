import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { commands } from '../../bot/commands/index.js';
import { BOT_SCOPES, COMMAND_LIST_LIMIT, commandListsFor } from '../../bot/manifest/command-list.js';
import { manifestProblems, MANIFEST_FILE, PLACEHOLDER_BOT_ID, readManifest } from '../../scripts/lib/teams-app.mjs';

const SCHEMA_URL = 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.24/MicrosoftTeams.schema.json';
const UPDATE_HINT =
  'the command registry changed: run `npm run package -- --update-manifest` and commit manifest/manifest.json';

function bundledSchemaCommandLimit(): number {
  const schemaFile = createRequire(import.meta.url).resolve(
    '@microsoft/app-manifest/build/json-schemas/teams/v1.24/MicrosoftTeams.schema.json',
  );
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as {
    properties: {
      bots: { items: { properties: { commandLists: { items: { properties: { commands: { maxItems: number } } } } } } };
    };
  };
  return schema.properties.bots.items.properties.commandLists.items.properties.commands.maxItems;
}

describe('the committed Teams app manifest', () => {
  const manifest = JSON.parse(readFileSync(MANIFEST_FILE, 'utf8'));

  it('validates offline against the bundled v1.24 schema', async () => {
    expect(manifest.$schema).toBe(SCHEMA_URL);
    expect(await manifestProblems(manifest)).toEqual([]);
  });

  it('is checked by a validator that does reject a broken copy', async () => {
    const broken = structuredClone(manifest);
    delete broken.name;
    broken.accentColor = 'blue';
    broken.bots[0].scopes = ['everywhere'];
    const problems = await manifestProblems(broken);
    expect(problems.length).toBeGreaterThanOrEqual(3);
    expect(problems.join('\n')).toMatch(/name/);
  });

  it('declares a conversational bot in personal, team and group chat, without files, with a placeholder id', async () => {
    const [bot, ...others] = (await readManifest()).bots;
    expect(others).toEqual([]);
    expect(bot).toMatchObject({ botId: PLACEHOLDER_BOT_ID, supportsFiles: false, isNotificationOnly: false });
    expect([...bot.scopes].sort()).toEqual([...BOT_SCOPES].sort());
    expect(manifest.validDomains).toEqual([]);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeGreaterThan(manifest.description.short.length);
  });

  it('lists exactly the commands the registry generates', () => {
    expect(manifest.bots[0].commandLists, UPDATE_HINT).toEqual(commandListsFor(commands));
  });

  it('keeps every command list within the Teams limit and the schema limit', () => {
    expect(COMMAND_LIST_LIMIT).toBeLessThanOrEqual(bundledSchemaCommandLimit());
    for (const list of manifest.bots[0].commandLists)
      expect(list.commands.length).toBeLessThanOrEqual(COMMAND_LIST_LIMIT);
  });
});
