import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Code and docs point to the design document as `docs/DESIGN.md §N` or `docs/DESIGN.md, <heading>`.
 * A reference to a file that is not in the repository, or to a section it does not have, sends a
 * reader nowhere: every one must resolve to a heading of docs/DESIGN.md.
 */
const DESIGN = 'docs/DESIGN.md';
const ROOTS = ['electron', 'shared', 'renderer', 'scripts', 'test', 'router/src'];
const TOP_LEVEL = ['eslint.config.js', 'vite.config.ts', 'vitest.config.ts', 'playwright.config.ts', 'README.md', 'BENCHMARKS.md'];
const TOP_LEVEL_DOCS = ['RELIABILITY.md', 'SCALE.md', 'SECURITY.md'];
const SOURCE = /\.(ts|tsx|js|mjs|cjs|java|md)$/;

function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    if (name === 'node_modules' || name === 'target' || name === 'dist') return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : SOURCE.test(name) ? [path] : [];
  });
}

interface DesignReference {
  file: string;
  line: number;
  text: string;
  /** `§N` */
  number?: string;
  /** `, <heading words>` */
  name?: string;
}

/** Every mention of DESIGN.md in `text`, with the section it names. */
function designReferences(file: string, text: string): DesignReference[] {
  const found: DesignReference[] = [];
  const pattern = /(\S*)DESIGN\.md(?:\s*§\s*(\d+)|,\s*([A-Za-z][\w -]*[\w]))?/g;
  text.split('\n').forEach((lineText, index) => {
    for (const match of lineText.matchAll(pattern)) {
      found.push({ file, line: index + 1, text: match[0], number: match[2], name: match[3] });
    }
  });
  return found;
}

/** Why a reference does not resolve, or undefined when it does. */
function unresolved(reference: DesignReference, headings: readonly string[]): string | undefined {
  const path = reference.text.replace(/^[`'"([]+/, '').split(/[§,\s]/)[0] ?? '';
  if (!path.endsWith(DESIGN)) return `names ${path}, not ${DESIGN}`;
  const isCode = !reference.file.endsWith('.md');
  if (reference.number !== undefined) {
    return headings.some((heading) => heading.startsWith(`## ${reference.number}. `)) ? undefined : `no section ${reference.number}`;
  }
  if (reference.name !== undefined) {
    const wanted = reference.name.toLowerCase();
    return headings.some((heading) => heading.toLowerCase().includes(wanted)) ? undefined : `no heading "${reference.name}"`;
  }
  return isCode ? 'names no section (§N or ", <heading>")' : undefined;
}

const headings = readFileSync(DESIGN, 'utf8')
  .split('\n')
  .filter((line) => /^#{2,3} /.test(line));

describe(`references to ${DESIGN}`, () => {
  // This file names broken references on purpose (its own cases below).
  const files = [...ROOTS.flatMap(filesUnder), ...TOP_LEVEL, ...TOP_LEVEL_DOCS].filter((file) => {
    if (file === join('test', 'unit', 'design-references.test.ts')) return false;
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
  const references = files.flatMap((file) => designReferences(file, readFileSync(file, 'utf8')));

  it('are found where the code has them (the scan itself works)', () => {
    expect(files).toContain('shared/order-events.ts');
    expect(references.length).toBeGreaterThanOrEqual(10);
  });

  it('each name docs/DESIGN.md and a section it has', () => {
    const broken = references.flatMap((reference) => {
      const why = unresolved(reference, headings);
      return why ? [`${reference.file}:${reference.line} ${reference.text}: ${why}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it('tells a missing file, a missing section and a missing name apart', () => {
    const resolve = (text: string, file = 'electron/core/x.ts') => {
      const [reference] = designReferences(file, text);
      return reference && unresolved(reference, headings);
    };
    expect(resolve('rules (docs/DESIGN.md §4): …')).toBeUndefined();
    expect(resolve('(docs/DESIGN.md, consumer groups);')).toBeUndefined();
    expect(resolve('rules (DESIGN.md §4)')).toMatch(/not docs\/DESIGN.md/);
    expect(resolve('rules (docs/DESIGN.md §42)')).toBe('no section 42');
    expect(resolve('(docs/DESIGN.md, partition tea leaves)')).toBe('no heading "partition tea leaves"');
    expect(resolve('see docs/DESIGN.md')).toMatch(/names no section/);
    expect(resolve('see docs/DESIGN.md', 'README.md')).toBeUndefined();
  });
});
