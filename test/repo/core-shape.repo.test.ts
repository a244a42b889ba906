import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

export const MAX_FUNCTION_LINES = 60;
export const MAX_FILE_LINES = 400;

const CORE = path.resolve(__dirname, '..', '..', 'core');

/** Every `.ts` file under `dir`, tests included (the file-length limit holds for them too). */
function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function nameOf(node: ts.FunctionLikeDeclaration): string {
  if (node.name) return node.name.getText();
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) && parent.name) {
    return parent.name.getText();
  }
  return '(anonymous)';
}

/**
 * The shape limits of `core/`: a function longer than MAX_FUNCTION_LINES (from its declaration's
 * first line to its closing brace, nested functions included), a file longer than MAX_FILE_LINES.
 * Test files are held to the file limit only.
 */
export function checkShape(files: readonly string[], root: string): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const where = path.relative(root, file);
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (lines > MAX_FILE_LINES) problems.push(`${where} has ${lines} lines (limit ${MAX_FILE_LINES})`);
    if (file.endsWith('.test.ts')) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const fn = node as ts.FunctionLikeDeclaration;
        // A variable's arrow function starts where the variable is declared.
        const start = ts.isVariableDeclaration(fn.parent) ? fn.parent : fn;
        const first = source.getLineAndCharacterOfPosition(start.getStart(source)).line;
        const last = source.getLineAndCharacterOfPosition(fn.getEnd()).line;
        const length = last - first + 1;
        if (length > MAX_FUNCTION_LINES) {
          problems.push(`${where}:${first + 1} function ${nameOf(fn)} is ${length} lines (limit ${MAX_FUNCTION_LINES})`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return problems;
}

describe('the shape of core/', () => {
  it('has no function over 60 lines and no file over 400 lines', () => {
    expect(checkShape(tsFiles(CORE), path.dirname(CORE))).toEqual([]);
  });

  describe('the checker', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xft-core-shape-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** A function of exactly `lines` lines. */
    const fnOf = (name: string, lines: number): string[] => [
      `export function ${name}(): number {`,
      ...Array.from({ length: lines - 3 }, (_, i) => `  const v${i} = ${i};`),
      '  return 0;',
      '}',
    ];

    it('names a 61-line function and lets a 60-line one pass', () => {
      const file = path.join(dir, 'long.ts');
      fs.writeFileSync(file, ['// header', ...fnOf('tooLong', 61), ...fnOf('justRight', 60), ''].join('\n'));
      expect(checkShape([file], dir)).toEqual([`long.ts:2 function tooLong is 61 lines (limit 60)`]);
    });

    it('counts an arrow function from its variable, nested functions included, and names it', () => {
      const body = Array.from({ length: 57 }, (_, i) => `  const v${i} = () => ${i};`);
      const file = path.join(dir, 'arrow.ts');
      fs.writeFileSync(file, ['export const handler =', '  (): number => {', ...body, '  return 0;', '};', ''].join('\n'));
      expect(checkShape([file], dir)).toEqual([`arrow.ts:1 function handler is 61 lines (limit 60)`]);
    });

    it('names a file over 400 lines, tests included, but holds tests to the file limit only', () => {
      const long = path.join(dir, 'long.test.ts');
      fs.writeFileSync(long, [...fnOf('inATest', 120), ...Array.from({ length: 281 }, () => '// filler'), ''].join('\n'));
      expect(checkShape([long], dir)).toEqual(['long.test.ts has 401 lines (limit 400)']);
    });
  });
});
