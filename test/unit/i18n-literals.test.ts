import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The screens whose every visible text goes through the catalogs. A file joins this list once
 * converted; the ones still to convert are named in README ("Languages").
 */
const TRANSLATED = [
  'renderer/src/app.tsx',
  'renderer/src/status-bar.tsx',
  'renderer/src/ticket-card.tsx',
  'renderer/src/ticket-line.tsx',
  'renderer/src/guest-board.tsx',
  'renderer/src/all-day.tsx',
  'renderer/src/pause-control.tsx',
  'renderer/src/ticket-answer.tsx',
  'renderer/src/eighty-six-dialog.tsx',
  'renderer/src/modal-sheet.tsx',
  'renderer/src/pause-dialog.tsx',
  'renderer/src/pin-field.tsx',
  'renderer/src/pairing-screen.tsx',
  'renderer/src/accept-panel.tsx',
  'renderer/src/reject-panel.tsx',
  'renderer/src/quote-inputs.tsx',
];

/** Visible text written into a file's JSX (letters between tags, or a title/alt/placeholder in quotes) rather than taken from a catalog. */
function literalTexts(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) found.push(node.text.trim());
    if (
      ts.isJsxAttribute(node) &&
      ['title', 'alt', 'placeholder'].includes(node.name.getText(source)) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer) &&
      /\p{L}/u.test(node.initializer.text)
    )
      found.push(`${node.name.getText(source)}="${node.initializer.text}"`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('screen texts come from the catalogs (renderer/src/i18n)', () => {
  it.each(TRANSLATED)('%s shows no text that bypasses the catalogs', (file) => {
    expect(literalTexts(file)).toEqual([]);
  });
});
