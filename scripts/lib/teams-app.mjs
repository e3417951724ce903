// The Teams app package: the committed manifest template, filled in and validated, zipped with its two icons.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { AppManifestUtils } from '@microsoft/app-manifest';
import JSZip from 'jszip';

export const MANIFEST_DIR = fileURLToPath(new URL('../../manifest/', import.meta.url));
export const MANIFEST_FILE = `${MANIFEST_DIR}manifest.json`;
export const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

export async function readManifest(file = MANIFEST_FILE) {
  return JSON.parse(await readFile(file, 'utf8'));
}

/** A copy of the manifest whose single bot carries the given command lists. */
export function withCommandLists(manifest, commandLists) {
  const [bot, ...others] = manifest.bots;
  return { ...manifest, bots: [{ ...bot, commandLists }, ...others] };
}

/** A copy of the manifest whose single bot is the Azure Bot registration `botId` (the bot's MicrosoftAppId). */
export function withBotId(manifest, botId) {
  if (!GUID.test(botId)) throw new Error('MicrosoftAppId must be the bot registration GUID');
  const [bot, ...others] = manifest.bots;
  return { ...manifest, bots: [{ ...bot, botId }, ...others] };
}

export function withVersion(manifest, version) {
  return { ...manifest, version };
}

/** Schema problems, empty when valid. Offline: the `$schema` URL maps to the schema bundled in @microsoft/app-manifest. */
export async function manifestProblems(manifest) {
  return AppManifestUtils.validateAgainstSchema(manifest);
}

/** The icon files the manifest names, read from `dir`, keyed by their name in the zip. */
export async function readIcons(manifest, dir = MANIFEST_DIR) {
  const [color, outline] = await Promise.all([
    readFile(`${dir}${manifest.icons.color}`),
    readFile(`${dir}${manifest.icons.outline}`),
  ]);
  return { [manifest.icons.color]: color, [manifest.icons.outline]: outline };
}

/** The zip Teams accepts for upload: manifest.json and the icons at the root. */
export async function zipTeamsApp(manifest, icons) {
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [name, bytes] of Object.entries(icons)) zip.file(name, bytes);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
