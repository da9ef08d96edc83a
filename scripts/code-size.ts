import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * `npm run code-size`: the largest source files and functions of the product (tests aside), in
 * lines, so "the codebase stays small and focused" is a figure anyone can rerun before and after
 * a change. `--top N` lists N of each (default 10).
 */
const topFlag = process.argv.indexOf('--top');
const top = topFlag >= 0 ? Number(process.argv[topFlag + 1]) : 10;
if (!Number.isInteger(top) || top < 1) {
  console.error('usage: npm run code-size -- [--top N]   (N: a whole number from 1)');
  process.exit(2);
}

const root = resolve(import.meta.dirname, '..');
const config = ts.getParsedCommandLineOfConfigFile(
  resolve(root, 'tsconfig.node.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  },
);
const web = ts.getParsedCommandLineOfConfigFile(
  resolve(root, 'tsconfig.web.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  },
);
const isProductSource = (file: string): boolean => {
  const path = relative(root, file);
  return /^(electron|renderer|shared)\//.test(path) && !/\.test\.tsx?$/.test(path) && !path.includes('node_modules');
};
const files = [...new Set([...(config?.fileNames ?? []), ...(web?.fileNames ?? [])])].filter(isProductSource);

interface Measured {
  where: string;
  lines: number;
}
const fileSizes: Measured[] = [];
const functionSizes: Measured[] = [];

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const path = relative(root, file);
  fileSizes.push({ where: path, lines: text.split('\n').length });
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      functionSizes.push({ where: `${path}:${start + 1} ${nameOf(node)}`, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

function nameOf(node: ts.Node): string {
  const named = node as { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '(anonymous)';
}

const largest = (list: Measured[]) => [...list].sort((a, b) => b.lines - a.lines).slice(0, top);
console.log(`${files.length} product source files (tests aside)`);
console.log(`\nlargest files (lines):`);
for (const { where, lines } of largest(fileSizes)) console.log(`${String(lines).padStart(6)}  ${where}`);
console.log(`\nlargest functions (lines, nested ones counted in their parents too):`);
for (const { where, lines } of largest(functionSizes)) console.log(`${String(lines).padStart(6)}  ${where}`);
