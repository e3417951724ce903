import { describe, expect, it } from 'vitest';
import { importsOf, readSources, type SourceFile } from './architecture/import-graph.js';
import { layerViolations } from './architecture/layer-rules.js';

const ROOT = new URL('..', import.meta.url).pathname;

function violationsOf(files: readonly SourceFile[]) {
  return layerViolations(files, files.flatMap(importsOf));
}

describe('the architecture', () => {
  it('holds in the tree: core is free of transport, SDKs, cards and the environment; no folder cycles', () => {
    const files = readSources(ROOT);
    expect(files.filter((file) => file.path.startsWith('core/')).length).toBeGreaterThan(50);
    expect(violationsOf(files)).toEqual([]);
  });

  describe('the rules catch each kind of break', () => {
    const ok: SourceFile = {
      path: 'core/ok.ts',
      text: "import { z } from 'zod';\nimport type { X } from './ports/x.js';",
    };

    it.each([
      ['botbuilder', "import { CloudAdapter } from 'botbuilder';"],
      ['restify', "import restify from 'restify';"],
      ['Graph', "import { Client } from '@microsoft/microsoft-graph-client';"],
      ['@azure', "export { DefaultAzureCredential } from '@azure/identity';"],
      ['templating', "const t = await import('adaptivecards-templating');"],
      ['bot/', "import { x } from '../../bot/app-services.js';"],
      ['cards/', "import type { AdaptiveCard } from '../../cards/adaptive-card.js';"],
      ['adapters/', "import { createMemoryStorage } from '../../adapters/storage/memory-storage.js';"],
      ['sandbox/', "import { x } from '../../sandbox/index.js';"],
      ['process.env', 'export const level = process.env.LOG_LEVEL;'],
    ])('core importing %s', (_name, text) => {
      expect(violationsOf([ok, { path: 'core/runs/bad.ts', text }])).toHaveLength(1);
    });

    it('cards importing bot/, adapters importing sandbox/', () => {
      expect(
        violationsOf([{ path: 'cards/views/v.ts', text: "import { x } from '../../bot/config/config.js';" }]),
      ).toHaveLength(1);
      expect(
        violationsOf([{ path: 'adapters/graph/g.ts', text: "import { x } from '../../sandbox/index.js';" }]),
      ).toHaveLength(1);
    });

    it('a cycle between folders', () => {
      const files: SourceFile[] = [
        { path: 'bot/a.ts', text: "import { b } from '../adapters/b.js';" },
        { path: 'adapters/b.ts', text: "import { c } from '../cards/c.js';" },
        { path: 'cards/c.ts', text: "import { a } from '../bot/a.js';" },
      ];
      const rules = violationsOf(files).map((violation) => violation.rule);
      expect(rules).toContain('import cycle between folders: adapters -> cards -> bot -> adapters');
    });
  });
});
