/**
 * npm run check:layers: holds each layer to what it may import (test/repo/layering.repo.test.ts
 * runs the same check in jest). Imports are found by parsing, not by grep: `import` and
 * `import type`, `export … from`, `import x = require()`, `require()`, dynamic `import()` and
 * `typeof import()` types, with the `@core` alias resolved to core/.
 *
 * - core is the domain and is bundled into the mini-program too: no platform (wx, wx-server-sdk,
 *   @cloudbase/*, Node builtins — its *.test.ts files run in Node and may use them) and nothing from
 *   another layer.
 * - cloudfunctions use core, never devcloud (the platform's stand-in), the mini-program or scripts.
 * - miniprogram reaches core only through `@core` (the build turns it into lib/core.js) and other
 *   modules only by relative path; outside miniprogram/api/ nothing calls wx.cloud.callFunction
 *   or wx.request, so every call goes through the typed client.
 * - devcloud emulates the platform: it knows the product only from the build's output
 *   (dist/database.json, dist/manifest.json), so it imports no product code at all.
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

export type Layer = 'core' | 'cloudfunctions' | 'miniprogram' | 'devcloud';
type Target = Layer | 'scripts' | 'test' | 'package' | 'builtin' | 'platform' | 'outside';

export const LAYERS: readonly Layer[] = ['core', 'cloudfunctions', 'miniprogram', 'devcloud'];

export type Rule = 'core-platform' | 'core-layer' | 'cloudfunctions-layer' | 'miniprogram-layer' | 'miniprogram-package' | 'miniprogram-wx-call' | 'devcloud-layer';

export interface Finding {
  /** Repository-relative, with forward slashes. */
  file: string;
  line: number;
  rule: Rule;
  /** The import's module specifier, or the wx member used. */
  specifier: string;
  message: string;
}

export interface LayerReport {
  /** Every file checked, repository-relative. */
  files: string[];
  findings: Finding[];
}

/** Where each layer may not reach (besides the platform and package rules below). */
const FORBIDDEN: Record<Layer, readonly Target[]> = {
  core: ['cloudfunctions', 'miniprogram', 'devcloud', 'scripts', 'test'],
  cloudfunctions: ['miniprogram', 'devcloud', 'scripts', 'test'],
  miniprogram: ['core', 'cloudfunctions', 'devcloud', 'scripts', 'test'],
  devcloud: ['core', 'cloudfunctions', 'miniprogram', 'scripts', 'test'],
};

const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'miniprogram_npm', 'dist']);
const BUILTINS = new Set(builtinModules);
/** Only these may call functions or the network directly: the typed client and its transports. */
const MINIPROGRAM_API = 'miniprogram/api/';
const WX_CALLS = new Set(['wx.request', 'wx.cloud.callFunction']);

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    if (d.isDirectory()) return SKIPPED_DIRS.has(d.name) ? [] : walk(path.join(dir, d.name));
    return SOURCE.test(d.name) ? [path.join(dir, d.name)] : [];
  });
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function scriptKind(file: string): ts.ScriptKind {
  return /\.[mc]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}

interface Reference {
  specifier: string;
  node: ts.Node;
}

function stringArg(node: ts.CallExpression): string | null {
  const arg = node.arguments[0];
  return arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) ? arg.text : null;
}

/** Every module specifier the file names, however it names it. */
function moduleReferences(source: ts.SourceFile): Reference[] {
  const refs: Reference[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      refs.push({ specifier: node.moduleSpecifier.text, node });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expr = node.moduleReference.expression;
      if (ts.isStringLiteral(expr)) refs.push({ specifier: expr.text, node });
    } else if (ts.isCallExpression(node)) {
      const dynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const requireCall = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const specifier = dynamicImport || requireCall ? stringArg(node) : null;
      if (specifier !== null) refs.push({ specifier, node });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      refs.push({ specifier: node.argument.literal.text, node });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

/** `wx.a.b` member chains rooted at the global `wx`, as written (`wx.cloud.callFunction`). */
function wxMembers(source: ts.SourceFile): Reference[] {
  const refs: Reference[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && !ts.isPropertyAccessExpression(node.parent)) {
      const parts: string[] = [];
      let e: ts.Expression = node;
      while (ts.isPropertyAccessExpression(e)) {
        parts.unshift(e.name.text);
        e = e.expression;
      }
      if (ts.isIdentifier(e) && e.text === 'wx') refs.push({ specifier: ['wx', ...parts].join('.'), node });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

function targetOf(root: string, file: string, specifier: string): Target {
  if (specifier === '@core' || specifier.startsWith('@core/')) return 'core';
  if (specifier.startsWith('.')) {
    const rel = toPosix(path.relative(root, path.resolve(path.dirname(file), specifier)));
    const top = rel.split('/')[0] ?? '';
    if (rel.startsWith('..')) return 'outside';
    if ((LAYERS as readonly string[]).includes(top) || top === 'scripts' || top === 'test') return top as Target;
    return 'outside';
  }
  if (specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0] ?? '')) return 'builtin';
  if (specifier === 'wx-server-sdk' || specifier.startsWith('@cloudbase/')) return 'platform';
  return 'package';
}

function layerOf(rel: string): Layer | null {
  const top = rel.split('/')[0] ?? '';
  return (LAYERS as readonly string[]).includes(top) ? (top as Layer) : null;
}

function checkFile(root: string, file: string): Finding[] {
  const rel = toPosix(path.relative(root, file));
  const layer = layerOf(rel);
  if (!layer) return [];
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, scriptKind(file));
  const findings: Finding[] = [];
  const add = (ref: Reference, rule: Rule, message: string): void => {
    const line = source.getLineAndCharacterOfPosition(ref.node.getStart(source)).line + 1;
    findings.push({ file: rel, line, rule, specifier: ref.specifier, message });
  };
  const coreTest = layer === 'core' && /\.test\.[cm]?[jt]s$/.test(rel);

  for (const ref of moduleReferences(source)) {
    const target = targetOf(root, file, ref.specifier);
    if (layer === 'miniprogram') {
      // The build keeps relative imports as files of the package and maps only the bare `@core`.
      if (ref.specifier === '@core') continue;
      if (target === 'package' || target === 'builtin' || target === 'platform') {
        add(ref, 'miniprogram-package', `miniprogram imports only relative modules and @core, not ${ref.specifier}`);
      } else if (target !== 'miniprogram') {
        add(ref, 'miniprogram-layer', `miniprogram may not import from ${target}${target === 'core' ? ' except as @core' : ''}`);
      }
      continue;
    }
    if (FORBIDDEN[layer].includes(target)) {
      add(ref, `${layer}-layer` as Rule, `${layer} may not import from ${target}`);
    } else if (layer === 'core' && !coreTest && (target === 'builtin' || target === 'platform')) {
      add(ref, 'core-platform', `core is pure domain (bundled into the mini-program too): no ${ref.specifier}`);
    }
  }

  for (const ref of wxMembers(source)) {
    if (layer === 'core' && !coreTest) {
      add(ref, 'core-platform', `core is pure domain: no ${ref.specifier}`);
    } else if (layer === 'miniprogram' && !rel.startsWith(MINIPROGRAM_API) && [...WX_CALLS].some((c) => ref.specifier === c || ref.specifier.startsWith(`${c}.`))) {
      add(ref, 'miniprogram-wx-call', `${ref.specifier} belongs in ${MINIPROGRAM_API}; pages call functions through the typed client`);
    }
  }
  return findings;
}

/** Checks the layers of the tree at `root` (the repository, or a copy of it). */
export function checkLayers(root: string): LayerReport {
  const files = LAYERS.flatMap((layer) => walk(path.join(root, layer))).sort();
  return {
    files: files.map((f) => toPosix(path.relative(root, f))),
    findings: files.flatMap((f) => checkFile(root, f)),
  };
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
  const { files, findings } = checkLayers(root);
  for (const f of findings) console.log(`${f.file}:${f.line}  ${f.rule}  ${f.message}`);
  if (findings.length > 0) {
    console.log(`\n${findings.length} layering finding(s) in ${files.length} files`);
    process.exit(1);
  }
  console.log(`layers ok (${files.length} files)`);
}
