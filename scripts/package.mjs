// `npm run package`: builds dist/attachops-teams-app.zip for upload to Teams, with the bot id from MicrosoftAppId.
// `npm run package -- --update-manifest`: rewrites the command lists of manifest/manifest.json from the command registry.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { buildTypeScript, ROOT } from './lib/build.mjs';
import { loadEnvFile } from './lib/env-file.mjs';
import {
  MANIFEST_FILE,
  manifestProblems,
  readIcons,
  readManifest,
  withBotId,
  withCommandLists,
  withVersion,
  zipTeamsApp,
} from './lib/teams-app.mjs';

const ZIP_FILE = `${ROOT}dist/attachops-teams-app.zip`;

async function registryCommandLists() {
  await buildTypeScript();
  const { commands } = await import(`${ROOT}dist/bot/commands/index.js`);
  const { commandListsFor } = await import(`${ROOT}dist/bot/manifest/command-list.js`);
  return commandListsFor(commands);
}

async function assertValid(manifest) {
  const problems = await manifestProblems(manifest);
  if (problems.length > 0) throw new Error(`the manifest does not match its schema:\n  ${problems.join('\n  ')}`);
}

async function updateManifest() {
  const manifest = withCommandLists(await readManifest(), await registryCommandLists());
  await assertValid(manifest);
  await writeFile(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  process.stdout.write('updated the command lists in manifest/manifest.json\n');
}

async function packageApp() {
  loadEnvFile(`${ROOT}.env`);
  const botId = process.env.MicrosoftAppId?.trim();
  if (!botId) throw new Error('set MicrosoftAppId (the Azure Bot registration id) in the environment or .env');
  const committed = await readManifest();
  const commandLists = await registryCommandLists();
  if (!isDeepStrictEqual(committed.bots[0].commandLists, commandLists)) {
    process.stderr.write(
      'note: manifest/manifest.json has stale command lists; run `npm run package -- --update-manifest`\n',
    );
  }
  const { version } = JSON.parse(await readFile(`${ROOT}package.json`, 'utf8'));
  const manifest = withVersion(withBotId(withCommandLists(committed, commandLists), botId), version);
  await assertValid(manifest);
  await mkdir(`${ROOT}dist`, { recursive: true });
  await writeFile(ZIP_FILE, await zipTeamsApp(manifest, await readIcons(manifest)));
  process.stdout.write(
    `wrote dist/attachops-teams-app.zip (bot ${botId}); upload it in Teams under Apps > Manage your apps\n`,
  );
}

const run = process.argv.includes('--update-manifest') ? updateManifest : packageApp;
run().catch((error) => {
  process.stderr.write(`package: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
