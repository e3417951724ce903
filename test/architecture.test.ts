import { describe, expect, it } from 'vitest';
import { importsOf, readSources, type SourceFile } from './architecture/import-graph.js';
import { fileCycleViolations, fileEdges, folderCycleViolations, folderEdgeOf } from './architecture/import-cycles.js';
import { layerViolations } from './architecture/layer-rules.js';
import { filesImporting } from './architecture/synthetic-sources.js';

const ROOT = new URL('..', import.meta.url).pathname;

function edgesOf(files: readonly SourceFile[]) {
  return fileEdges(files, files.flatMap(importsOf));
}

function violationsOf(files: readonly SourceFile[]) {
  return [
    ...layerViolations(files, files.flatMap(importsOf)),
    ...folderCycleViolations(edgesOf(files)),
    ...fileCycleViolations(edgesOf(files)),
  ];
}

function rulesOf(files: readonly SourceFile[]): string[] {
  return violationsOf(files).map((violation) => violation.rule);
}

function fileRulesOf(files: readonly SourceFile[]): string[] {
  return fileCycleViolations(edgesOf(files)).map((violation) => violation.rule);
}

describe('the architecture', () => {
  const files = readSources(ROOT);

  it('holds in the tree: only bot/hosts/* imports a Teams SDK or its HTTP server', () => {
    const hostFiles = files.filter((file) => file.path.startsWith('bot/hosts/agents/'));
    expect(hostFiles.length).toBeGreaterThan(3);
    expect(
      layerViolations(files, files.flatMap(importsOf)).filter((violation) => / imported outside /.test(violation.rule)),
    ).toEqual([]);
  });

  it('holds in the tree: core is free of transport, SDKs, cards and the environment', () => {
    expect(files.filter((file) => file.path.startsWith('core/')).length).toBeGreaterThan(50);
    expect(layerViolations(files, files.flatMap(importsOf))).toEqual([]);
  });

  it('holds in the tree: no import cycle between folders at any depth', () => {
    const edges = edgesOf(files);
    expect(edges.length).toBeGreaterThan(1000);
    expect(edges.filter((edge) => folderEdgeOf(edge)?.from.startsWith('core/')).length).toBeGreaterThan(50);
    expect(folderCycleViolations(edges).map((violation) => violation.rule)).toEqual([]);
  });

  it('holds in the tree: no import cycle between files', () => {
    expect(fileRulesOf(files)).toEqual([]);
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

    it.each([
      ['bot/turns/attachops-turns.ts', "import { TurnContext } from 'botbuilder';"],
      ['bot/conversations/x.ts', "import type { ConversationReference } from 'botframework-schema';"],
      ['bot/start-bot.ts', "import restify from 'restify';"],
      ['bot/hosts/host-port.ts', "import type { TurnContext } from '@microsoft/agents-hosting';"],
      ['bot/hosts/create-host.ts', "const express = await import('express');"],
      ['bot/hosts/agents/agents-turn.ts', "import { CardFactory } from 'botbuilder';"],
      ['bot/hosts/botbuilder/botbuilder-turn.ts', "import { Activity } from '@microsoft/agents-activity';"],
      ['adapters/graph/x.ts', "import express from 'express';"],
      ['bench/round-trips.ts', "import { ActivityHandler } from 'botbuilder';"],
    ])('a Teams SDK outside its host folder: %s', (path, text) => {
      expect(rulesOf([{ path, text }])).toHaveLength(1);
    });

    it('each SDK in its own host folder, and in the bare comparison bots, is allowed', () => {
      expect(
        rulesOf([
          {
            path: 'bot/hosts/botbuilder/a.ts',
            text: "import { CloudAdapter } from 'botbuilder';\nimport restify from 'restify';",
          },
          {
            path: 'bot/hosts/agents/b.ts',
            text: "import { CloudAdapter } from '@microsoft/agents-hosting';\nimport express from 'express';",
          },
          {
            path: 'bench/support/bare-agents-bot.ts',
            text: "import { ActivityHandler } from '@microsoft/agents-hosting';",
          },
          { path: 'bench/support/bare-bot.ts', text: "import { ActivityHandler } from 'botbuilder';" },
        ]),
      ).toEqual([]);
    });

    it('cards importing bot/, adapters importing sandbox/', () => {
      expect(
        violationsOf([{ path: 'cards/views/v.ts', text: "import { x } from '../../bot/config/config.js';" }]),
      ).toHaveLength(1);
      expect(
        violationsOf([{ path: 'adapters/graph/g.ts', text: "import { x } from '../../sandbox/index.js';" }]),
      ).toHaveLength(1);
    });

    it('a cycle between top-level folders', () => {
      const files: SourceFile[] = [
        { path: 'bot/a.ts', text: "import { b } from '../adapters/b.js';" },
        { path: 'adapters/b.ts', text: "import { c } from '../cards/c.js';" },
        { path: 'cards/c.ts', text: "import { a } from '../bot/a.js';" },
      ];
      expect(rulesOf(files)).toContain(
        'import cycle between folders adapters, bot, cards: adapters -> cards (adapters/b.ts -> cards/c.ts); ' +
          'bot -> adapters (bot/a.ts -> adapters/b.ts); cards -> bot (cards/c.ts -> bot/a.ts)',
      );
    });

    it('a cycle between two sibling folders inside a layer, named with one file import each way', () => {
      const files = filesImporting(
        ['core/audit/audit-names.ts', 'core/runs/run-record.ts'],
        ['core/runs/run-store.ts', 'core/audit/audit-outbox.ts'],
      );
      expect(fileCycleViolations(edgesOf(files))).toEqual([]);
      expect(rulesOf(files)).toEqual([
        'import cycle between folders core/audit, core/runs: ' +
          'core/audit -> core/runs (core/audit/audit-names.ts -> core/runs/run-record.ts); ' +
          'core/runs -> core/audit (core/runs/run-store.ts -> core/audit/audit-outbox.ts)',
      ]);
    });

    it('a cycle between folders found at the first folder where the two paths part, at any depth', () => {
      const files = filesImporting(
        ['bot/commands/cards/deep/a.ts', 'bot/verbs/b.ts'],
        ['bot/verbs/data/c.ts', 'bot/commands/d.ts'],
        ['adapters/graph/paging/x/e.ts', 'adapters/graph/paging/y/f.ts'],
        ['adapters/graph/paging/y/g.ts', 'adapters/graph/paging/x/h.ts'],
      );
      expect(violationsOf(files).map((violation) => violation.file)).toEqual([
        'adapters/graph/paging/x, adapters/graph/paging/y',
        'bot/commands, bot/verbs',
      ]);
    });

    it('a cycle through three folders, where no two import each other', () => {
      const files = filesImporting(
        ['cards/a/x.ts', 'cards/b/y.ts'],
        ['cards/b/z.ts', 'cards/c/w.ts'],
        ['cards/c/v.ts', 'cards/a/u.ts'],
      );
      expect(rulesOf(files)).toEqual([
        'import cycle between folders cards/a, cards/b, cards/c: cards/a -> cards/b (cards/a/x.ts -> cards/b/y.ts); ' +
          'cards/b -> cards/c (cards/b/z.ts -> cards/c/w.ts); cards/c -> cards/a (cards/c/v.ts -> cards/a/u.ts)',
      ]);
    });

    it('a folder index imported by its folder name counts', () => {
      const files: SourceFile[] = [
        { path: 'sandbox/server/start.ts', text: "import { graph } from '../graph';" },
        { path: 'sandbox/graph/index.ts', text: "export { log } from '../server/log.js';" },
        { path: 'sandbox/server/log.ts', text: '' },
      ];
      expect(violationsOf(files).map((violation) => violation.file)).toEqual(['sandbox/graph, sandbox/server']);
    });

    it('files directly in a folder are its own, not a sibling of its subfolders', () => {
      const files = filesImporting(
        ['core/tenant-services.ts', 'core/runs/run-engine.ts'],
        ['core/runs/run-store.ts', 'core/short-id.ts'],
        ['bot/wiring/create.ts', 'bot/commands/index.ts'],
        ['bot/commands/index.ts', 'bot/app-services.ts'],
      );
      expect(violationsOf(files)).toEqual([]);
    });

    it('a cycle between files, in one folder or across folders', () => {
      const files = filesImporting(
        ['core/runs/a.ts', 'core/runs/b.ts'],
        ['core/runs/b.ts', 'core/runs/c.ts'],
        ['core/runs/c.ts', 'core/runs/a.ts'],
        ['core/runs/c.ts', 'core/runs/d.ts'],
        ['core/maa/x.ts', 'core/maa/y.ts'],
      );
      expect(rulesOf(files)).toEqual([
        'import cycle between files (3 in the group): core/runs/a.ts -> core/runs/b.ts -> core/runs/c.ts -> core/runs/a.ts',
      ]);
      const across = filesImporting(
        ['core/maa/gate.ts', 'core/runs/record.ts'],
        ['core/runs/record.ts', 'core/maa/gate.ts'],
      );
      expect(fileRulesOf(across)).toEqual([
        'import cycle between files (2 in the group): core/maa/gate.ts -> core/runs/record.ts -> core/maa/gate.ts',
      ]);
    });

    it('a file importing itself', () => {
      const files = filesImporting(['bot/verbs/loop.ts', 'bot/verbs/loop.ts']);
      expect(fileRulesOf(files)).toEqual([
        'import cycle between files (1 in the group): bot/verbs/loop.ts -> bot/verbs/loop.ts',
      ]);
    });
  });
});
