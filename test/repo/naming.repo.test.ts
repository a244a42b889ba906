import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

// One feature, one name: each key of the registry (FUNCTIONS in core/api/registry.ts) is a core
// folder, a cloud function that registers under that name, a test folder, and the folder of the
// feature's pages. The check runs on the tree, then on skeleton copies with one name gone wrong.
const ROOT = path.resolve(__dirname, '..', '..');

/** Pages of the app itself rather than of one feature: 首页, 我的, 管理 (the door to admin/). */
const SHELL_PAGES = ['home', 'mine', 'manage'];

/** Features with no page folder of their own, and why; a listed feature that gains pages fails. */
const WITHOUT_PAGES: Record<string, string> = {
  timer: 'no pages: it runs on its trigger only, and what it does shows in 消息 and on the case',
};

/** Test folders that are not one feature's: cross-feature app tests, shell pages, the emulator, the preview, deployment and import, repo checks, helpers. */
const OTHER_TEST_FOLDERS = ['app', 'home', 'devcloud', 'preview', 'deploy', 'repo', 'support', 'fixtures'];

/**
 * A feature's folder in core/, test/ and the page folders: its registry key in kebab case
 * (legalAid → legal-aid, as folders are named here). The function folder keeps the key itself:
 * the client calls a function by its registry key, and the deployed name is its folder's.
 */
function folderOf(feature: string): string {
  return feature.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function subdirs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
}

/** The keys of FUNCTIONS, read from the registry's source (so a copied tree answers for itself). */
function registryFeatures(root: string): string[] {
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'FUNCTIONS' && node.initializer) {
      let init: ts.Expression = node.initializer;
      while (ts.isSatisfiesExpression(init) || ts.isAsExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
      if (ts.isObjectLiteralExpression(init)) {
        for (const p of init.properties) {
          if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) names.push(p.name.text);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(path.join(root, 'core', 'api', 'registry.ts')));
  return names;
}

/** The names a function's entry registers with: the first argument of each defineFunction(...). */
function definedNames(file: string): string[] {
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'defineFunction') {
      const arg = node.arguments[0];
      names.push(arg && ts.isStringLiteral(arg) ? arg.text : '<not a string literal>');
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(file));
  return names;
}

/** Every registered page's feature folder: `pages/<x>/…` and `<subpackage root>/<x>/…`. */
function appPages(root: string): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(root, 'miniprogram', 'app.json'), 'utf8')) as {
    pages: string[];
    subpackages?: Array<{ root: string; pages: string[] }>;
  };
  return [...app.pages, ...(app.subpackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
}

function namingFindings(root: string): string[] {
  const features = registryFeatures(root);
  const findings: string[] = [];
  const has = (...p: string[]) => fs.existsSync(path.join(root, ...p));
  const pagesDirs = subdirs(path.join(root, 'miniprogram', 'pages'));
  const adminDirs = subdirs(path.join(root, 'miniprogram', 'admin'));

  const folders = features.map(folderOf);
  for (const f of features) {
    const dir = folderOf(f);
    if (!has('core', dir)) findings.push(`core/${dir}/ is missing`);
    if (!has('test', dir)) findings.push(`test/${dir}/ is missing`);
    const entry = path.join(root, 'cloudfunctions', f, 'index.ts');
    if (!fs.existsSync(entry)) findings.push(`cloudfunctions/${f}/index.ts is missing`);
    else {
      const names = definedNames(entry);
      if (names.length !== 1 || names[0] !== f) findings.push(`cloudfunctions/${f}/index.ts calls defineFunction(${names.map((n) => `'${n}'`).join(', ')}), not defineFunction('${f}')`);
    }
    const pageFolders = [...(pagesDirs.includes(dir) ? [`pages/${dir}/`] : []), ...(adminDirs.includes(dir) ? [`admin/${dir}/`] : [])];
    if (f in WITHOUT_PAGES) {
      if (pageFolders.length > 0) findings.push(`${f} is listed without pages but has ${pageFolders.join(', ')}`);
    } else if (pageFolders.length === 0) {
      findings.push(`${f} has no pages/${dir}/ or admin/${dir}/ (if it has no pages, list it in WITHOUT_PAGES with the reason)`);
    }
  }
  for (const f of Object.keys(WITHOUT_PAGES)) if (!features.includes(f)) findings.push(`WITHOUT_PAGES lists ${f}, which is not in the registry`);

  for (const d of subdirs(path.join(root, 'cloudfunctions'))) {
    if (!d.startsWith('_') && !features.includes(d)) findings.push(`cloudfunctions/${d}/ is not in the registry`);
  }
  for (const d of pagesDirs) {
    if (!folders.includes(d) && !SHELL_PAGES.includes(d)) findings.push(`miniprogram/pages/${d}/ is neither a registry feature nor an app-shell page`);
  }
  for (const d of adminDirs) {
    if (!folders.includes(d)) findings.push(`miniprogram/admin/${d}/ is not a registry feature`);
  }
  for (const page of appPages(root)) {
    const [pkg, folder] = page.split('/');
    const ok = pkg === 'pages' ? folders.includes(folder ?? '') || SHELL_PAGES.includes(folder ?? '') : folders.includes(folder ?? '');
    if (!ok) findings.push(`app.json registers ${page}, which is not under a feature's (or the shell's) folder`);
  }
  for (const d of subdirs(path.join(root, 'test'))) {
    if (!folders.includes(d) && !OTHER_TEST_FOLDERS.includes(d)) findings.push(`test/${d}/ is neither a registry feature nor one of ${OTHER_TEST_FOLDERS.join(', ')}`);
  }
  return findings.sort();
}

it('reads the features from the registry', () => {
  expect(registryFeatures(ROOT)).toEqual(expect.arrayContaining(['identity', 'org', 'case', 'booking', 'stats', 'calendar']));
});

it('gives every feature one name in every layer', () => {
  expect(namingFindings(ROOT)).toEqual([]);
});

describe('a skeleton of the tree with one name gone wrong', () => {
  let copy: string;
  // Folders, the registry, each function's entry and app.json: all the naming check reads.
  const wanted = (src: string): boolean => {
    const rel = path.relative(ROOT, src).split(path.sep).join('/');
    if (/(^|\/)(node_modules|miniprogram_npm)(\/|$)/.test(rel)) return false;
    return fs.statSync(src).isDirectory() || rel === 'core/api/registry.ts' || rel === 'miniprogram/app.json' || /^cloudfunctions\/[^/]+\/index\.ts$/.test(rel);
  };
  beforeEach(() => {
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'xft-naming-'));
    for (const dir of ['core', 'cloudfunctions', 'miniprogram', 'test']) fs.cpSync(path.join(ROOT, dir), path.join(copy, dir), { recursive: true, filter: wanted });
    expect(namingFindings(copy)).toEqual([]);
  });
  afterEach(() => fs.rmSync(copy, { recursive: true, force: true }));

  const rename = (from: string, to: string) => fs.renameSync(path.join(copy, from), path.join(copy, to));

  it('a function folder named otherwise', () => {
    rename('cloudfunctions/calendar', 'cloudfunctions/holidays');
    expect(namingFindings(copy)).toEqual(['cloudfunctions/calendar/index.ts is missing', 'cloudfunctions/holidays/ is not in the registry']);
  });

  it('a function registering under another name', () => {
    const entry = path.join(copy, 'cloudfunctions', 'org', 'index.ts');
    fs.writeFileSync(entry, fs.readFileSync(entry, 'utf8').replace("defineFunction('org'", "defineFunction('directory'"));
    expect(namingFindings(copy)).toEqual(["cloudfunctions/org/index.ts calls defineFunction('directory'), not defineFunction('org')"]);
  });

  it('a page folder named otherwise', () => {
    rename('miniprogram/admin/stats', 'miniprogram/admin/statistics');
    expect(namingFindings(copy)).toEqual([
      'miniprogram/admin/statistics/ is not a registry feature',
      'stats has no pages/stats/ or admin/stats/ (if it has no pages, list it in WITHOUT_PAGES with the reason)',
    ]);
  });

  it('a page folder that is no feature, registered in app.json', () => {
    fs.mkdirSync(path.join(copy, 'miniprogram', 'pages', 'intake'));
    const appJson = path.join(copy, 'miniprogram', 'app.json');
    const app = JSON.parse(fs.readFileSync(appJson, 'utf8')) as { pages: string[] };
    app.pages.push('pages/intake/index');
    fs.writeFileSync(appJson, JSON.stringify(app));
    expect(namingFindings(copy)).toEqual([
      "app.json registers pages/intake/index, which is not under a feature's (or the shell's) folder",
      'miniprogram/pages/intake/ is neither a registry feature nor an app-shell page',
    ]);
  });

  it('a feature listed without pages that has some', () => {
    // calendar gained its admin page (K1); timer is the feature listed without pages now.
    fs.mkdirSync(path.join(copy, 'miniprogram', 'admin', 'timer'));
    expect(namingFindings(copy)).toEqual(['timer is listed without pages but has admin/timer/']);
  });

  it('a test folder named otherwise', () => {
    rename('test/booking', 'test/appointments');
    expect(namingFindings(copy)).toEqual([
      `test/appointments/ is neither a registry feature nor one of ${OTHER_TEST_FOLDERS.join(', ')}`,
      'test/booking/ is missing',
    ]);
  });

  it('a feature in the registry with no core folder', () => {
    const registry = path.join(copy, 'core', 'api', 'registry.ts');
    fs.writeFileSync(registry, fs.readFileSync(registry, 'utf8').replace('  calendar: calendarContracts,\n', '  calendar: calendarContracts,\n  villageGroup: calendarContracts,\n'));
    expect(namingFindings(copy)).toEqual([
      'cloudfunctions/villageGroup/index.ts is missing',
      'core/village-group/ is missing',
      'test/village-group/ is missing',
      'villageGroup has no pages/village-group/ or admin/village-group/ (if it has no pages, list it in WITHOUT_PAGES with the reason)',
    ]);
  });

  it('a two-word feature whose folders are not in kebab case', () => {
    rename('core/legal-aid', 'core/legalAid');
    expect(namingFindings(copy)).toEqual(['core/legal-aid/ is missing']);
  });
});
