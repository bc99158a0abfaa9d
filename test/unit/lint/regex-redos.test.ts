// Every regex literal in Pigeon's sources, checked for ReDoS by recheck (its pure JS
// backend, offline): peers choose the text most of them run on, so none may take
// super-linear time. Literals are found with the TypeScript parser, not a regex.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const FOLDERS = ['src-main', 'src-shared', 'src-renderer', 'preload'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

interface Literal {
  where: string;
  source: string;
  flags: string;
}

function regexLiterals(file: string): Literal[] {
  const text = readFileSync(file, 'utf8');
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const tree = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: Literal[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText(tree);
      const end = literal.lastIndexOf('/');
      const line = tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1;
      found.push({
        where: `${path.relative(ROOT, file)}:${line}`,
        source: literal.slice(1, end),
        flags: literal.slice(end + 1),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

const literals = FOLDERS.flatMap((folder) => sourceFiles(path.join(ROOT, folder))).flatMap(
  regexLiterals,
);

describe('regex literals', () => {
  it('are found (the walk works)', () => {
    expect(literals.length).toBeGreaterThan(50);
  });

  it('none is vulnerable to ReDoS', () => {
    const vulnerable = literals
      .map((literal) => ({ ...literal, diagnostics: checkSync(literal.source, literal.flags) }))
      .filter(({ diagnostics }) => diagnostics.status === 'vulnerable')
      .map(({ where, source, flags, diagnostics }) => {
        const complexity =
          diagnostics.status === 'vulnerable' ? diagnostics.complexity.summary : '';
        return `${where} /${source}/${flags}: ${complexity}`;
      });
    expect(vulnerable).toEqual([]);
    // Hundreds of analyses, each CPU-bound: 5 s alone, more on a loaded machine.
  }, 120_000);

  it('the check catches the quadratic trim Pigeon once had', () => {
    expect(checkSync('[. \\s]+$', '').status).toBe('vulnerable');
  });
});
