/**
 * docs/privacy.md's retention table is core's RETENTION (core/privacy/retention.ts), row for row:
 * what a resident is told is kept, and what the function refuses to delete, never drift apart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RETENTION } from '../../core';
import { RESEAL_COLLECTIONS } from '../../cloudfunctions/privacy/sweep';

const DOC = path.resolve(__dirname, '..', '..', 'docs', 'privacy.md');

/** The rows of the table under "### Retention", cells trimmed. */
function retentionRows(markdown: string): string[][] {
  const section = markdown.split(/^### Retention$/m)[1] ?? '';
  return section
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .slice(2)
    .map((l) => l.slice(1, -1).split('|').map((c) => c.trim()));
}

const code = (s: string) => `\`${s}\``;

describe('the retention table', () => {
  it('says in docs/privacy.md what core keeps, for how long and by which rule', () => {
    const rows = retentionRows(fs.readFileSync(DOC, 'utf8'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(RETENTION.map((r) => [code(r.category), r.label, r.collections.map(code).join(', '), r.keep, r.period, r.source]));
  });

  it('has a rule for every collection holding a sealed field (what the re-seal sweep walks)', () => {
    const covered = new Set(RETENTION.flatMap((r) => r.collections));
    expect(RESEAL_COLLECTIONS.filter((c) => !covered.has(c))).toEqual([]);
  });

  it('names a rule for everything kept on a statute, and keeps every case record and legal-aid file', () => {
    for (const r of RETENTION.filter((x) => x.keep === 'statute')) expect(r.source).not.toMatch(/^no statute/);
    expect(RETENTION.find((r) => r.category === 'cases')?.keep).toBe('statute');
    expect(RETENTION.find((r) => r.category === 'legal_aid')?.keep).toBe('statute');
  });
});
