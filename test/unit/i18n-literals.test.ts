import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Every screen of the renderer: each visible text goes through the catalogs. */
const SCREENS = readdirSync('renderer/src', { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.tsx'))
  .map((file) => `renderer/src/${file}`);

/** Visible or spoken text written into a file's JSX (letters between tags, or a title/alt/placeholder/aria-label in quotes) rather than taken from a catalog. */
function literalTexts(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) found.push(node.text.trim());
    if (
      ts.isJsxAttribute(node) &&
      ['title', 'alt', 'placeholder', 'aria-label'].includes(node.name.getText(source)) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer) &&
      /\p{L}/u.test(node.initializer.text) &&
      // An example address ("kafka-1.example.com:9093") is no word of any language.
      !/^[\w.-]+:\d+$/.test(node.initializer.text)
    )
      found.push(`${node.name.getText(source)}="${node.initializer.text}"`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('screen texts come from the catalogs (renderer/src/i18n)', () => {
  it('finds the screens', () => {
    expect(SCREENS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(SCREENS)('%s shows no text that bypasses the catalogs', (file) => {
    expect(literalTexts(file)).toEqual([]);
  });
});
