import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2).map((m) => m.message);
}

describe('layer import rules (docs/DESIGN.md §2) fail lint', () => {
  it('renderer/ importing from electron/ is an error', async () => {
    const errors = await layerErrors('renderer/src/bad.ts', "import { x } from '../../electron/core/x';\nexport const y = x;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('renderer/');
  });

  it('renderer/ importing a Node API or kafkajs is an error', async () => {
    expect(
      await layerErrors('renderer/src/bad.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"),
    ).toHaveLength(1);
    expect(await layerErrors('renderer/src/bad.ts', "import { Kafka } from 'kafkajs';\nexport const k = Kafka;\n")).toHaveLength(1);
  });

  it('electron/core/ importing electron is an error', async () => {
    const errors = await layerErrors('electron/core/bad.ts', "import { app } from 'electron';\nexport const a = app;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('only electron/main.ts');
  });

  it('shared/ importing from electron/, renderer/ or Node is an error', async () => {
    expect(await layerErrors('shared/bad.ts', "import { x } from '../electron/core/x';\nexport const y = x;\n")).toHaveLength(1);
    expect(await layerErrors('shared/bad.ts', "import { x } from '../renderer/src/x';\nexport const y = x;\n")).toHaveLength(1);
    expect(await layerErrors('shared/bad.ts', "import { EventEmitter } from 'events';\nexport const e = EventEmitter;\n")).toHaveLength(1);
  });

  it('allowed imports pass: the shell imports electron, the renderer imports shared/', async () => {
    expect(await layerErrors('electron/main.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
    expect(await layerErrors('renderer/src/ok.ts', "import { x } from '../../shared/x';\nexport const y = x;\n")).toEqual([]);
    expect(await layerErrors('electron/core/ok.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n")).toEqual([]);
  });
});

/** The module graph inside electron/core, as eslint.config.js reads it. */
const coreLayers = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync('electron/core/layers.json', 'utf8')) as Record<string, string[]>).filter(
    ([name]) => !name.startsWith('$'),
  ),
);
const coreModules = Object.keys(coreLayers);

describe('module graph inside electron/core (electron/core/layers.json) fails lint', () => {
  for (const [module, allowed] of Object.entries(coreLayers)) {
    it(`electron/core/${module}/ may import ${allowed.join(', ') || 'no other core folder'}, and nothing else of the core`, async () => {
      for (const other of coreModules.filter((name) => name !== module)) {
        const errors = await layerErrors(`electron/core/${module}/bad.ts`, `import { x } from '../${other}/x';\nexport const y = x;\n`);
        if (allowed.includes(other)) expect(errors, `${module} → ${other}`).toEqual([]);
        else {
          expect(errors, `${module} → ${other}`).toHaveLength(1);
          expect(errors[0]).toContain(`electron/core/${module}/ may import only`);
        }
      }
      // Tests beside the code may assemble any modules.
      expect(await layerErrors(`electron/core/${module}/ok.test.ts`, "import { x } from '../app/x';\nexport const y = x;\n")).toEqual([]);
    });
  }

  it('the Electron shell reaches the core only through core/app and core/config', async () => {
    expect(await layerErrors('electron/shell/bad.ts', "import { x } from '../core/store/storage';\nexport const y = x;\n")).toHaveLength(1);
    expect(await layerErrors('electron/main.ts', "import { x } from './core/kafka/topic-consumer';\nexport const y = x;\n")).toHaveLength(
      1,
    );
    expect(await layerErrors('electron/main.ts', "import { x } from './core/app/terminal';\nexport const y = x;\n")).toEqual([]);
    expect(await layerErrors('electron/shell/ok.ts', "import { x } from '../core/app/api-dispatch';\nexport const y = x;\n")).toEqual([]);
  });
});
