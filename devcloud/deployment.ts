/**
 * What devcloud knows of the product: only what a deployment hands the platform, read from the
 * build's output — dist/database.json (collections, indexes, rules) and dist/manifest.json
 * (functions, subscribe templates, the demo personas of a local build). devcloud imports nothing
 * from the product's source (test/repo/layering.repo.test.ts), so these types are its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CollectionDecl } from './db/types';
import type { SubscribeTemplate } from './ports/messenger';
import type { PersonaOption } from './preview/shell';

export const DEFAULT_DIST_DIR = path.resolve(__dirname, '..', 'dist');

export interface Deployment {
  collections: CollectionDecl[];
  templates: SubscribeTemplate[];
  /** Who the preview's switcher offers; empty for a cloud build. */
  personas: PersonaOption[];
}

/** A file the build has not written yet reads as empty (devcloud still starts); a broken one throws. */
function readJson(file: string): Record<string, unknown> {
  if (!fs.existsSync(file)) return {};
  const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${file} is not a JSON object`);
  return value as Record<string, unknown>;
}

function list<T>(file: string, doc: Record<string, unknown>, key: string): T[] {
  const value = doc[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${file}: ${key} is not a list`);
  return value as T[];
}

export function readDeployment(distDir: string = DEFAULT_DIST_DIR): Deployment {
  const databaseFile = path.join(distDir, 'database.json');
  const manifestFile = path.join(distDir, 'manifest.json');
  const database = readJson(databaseFile);
  const manifest = readJson(manifestFile);
  return {
    collections: list<CollectionDecl>(databaseFile, database, 'collections'),
    templates: list<SubscribeTemplate>(manifestFile, manifest, 'templates'),
    personas: list<PersonaOption>(manifestFile, manifest, 'personas'),
  };
}
