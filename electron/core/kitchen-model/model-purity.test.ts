import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const core = join(import.meta.dirname, '..');
const sourcesOf = (folder: string) =>
  readdirSync(join(core, folder))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => ({ file: `${folder}/${file}`, text: readFileSync(join(core, folder, file), 'utf8') }));
const importsOf = (text: string) => [...text.matchAll(/^(?:import|export)\b[^;]*?from '([^']+)'/gms)].map((match) => match[1] ?? '');

// Written by hand, not derived from layers.json: these hold whatever that file says.
describe('the kitchen model is pure', () => {
  it('imports only shared/ contracts and its own modules: no store, no Node API, no library', () => {
    for (const { file, text } of sourcesOf('kitchen-model'))
      for (const source of importsOf(text)) expect(source, file).toMatch(/^(\.\/[a-z-]+|\.\.\/\.\.\/\.\.\/shared\/[a-z-]+)$/);
  });

  it('reads no clock: time is passed in', () => {
    for (const { file, text } of sourcesOf('kitchen-model')) {
      expect(text, file).not.toMatch(/Date\.now\(|new Date\(\)|performance\.now\(/);
    }
  });

  it('kitchen/ takes course timing from the model, not from tickets/', () => {
    for (const { file, text } of sourcesOf('kitchen'))
      expect(
        importsOf(text).filter((source) => source.includes('/tickets/')),
        file,
      ).toEqual([]);
  });
});
