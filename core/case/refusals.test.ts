// Content refusals: each says why with its own reason, whatever the Chinese words.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASE_MACHINE_REFUSALS } from './refusals';
import { CENTER, Story, fileOf, inProgress, refusal, type Who } from './testing';
import type { CaseCommand } from './types';

describe('the list of refusals', () => {
  it('names only reasons the machine throws (the types make sure it throws only listed ones)', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
      );
    // The list itself does not count as throwing.
    const withoutList = (text: string) => text.replace(/export const CASE_MACHINE_REFUSALS = \{[\s\S]*?\} as const/, '');
    const code = sources(__dirname).map((file) => withoutList(readFileSync(file, 'utf8'))).join('\n');
    expect(Object.keys(CASE_MACHINE_REFUSALS).filter((reason) => !code.includes(`'${reason}'`))).toEqual([]);
  });
});

describe('content refusals', () => {
  const long = 'x'.repeat(501);
  it.each<[string, Who, CaseCommand, string]>([
    ['an unchanged triage', 'reception', { type: 'triage', orgId: CENTER }, 'triage_unchanged'],
    ['a handler without an openid', 'reception', { type: 'assign', handler: { openid: ' ', name: '张律师' } }, 'person_missing'],
    ['a blank note', 'reception', { type: 'addNote', text: '  ', visibility: 'internal' }, 'text_missing'],
    ['an overlong note', 'reception', { type: 'addNote', text: long, visibility: 'internal' }, 'text_too_long'],
    ['an overlong remark on any command', 'reception', { type: 'addNote', text: '好', visibility: 'internal', note: long }, 'text_too_long'],
    ['an unknown material kind', 'reception', { type: 'recordMaterials', kind: 'lost' as 'received', items: [{ name: 'A', count: 1 }] }, 'material_kind'],
    ['a material count of zero', 'reception', { type: 'recordMaterials', kind: 'received', items: [{ name: 'A', count: 0 }] }, 'material_count'],
    ['too many files at once', 'applicant', { type: 'addFiles', files: Array.from({ length: 10 }, (_, i) => fileOf('applicant', i)) }, 'too_many_files'],
  ])('refuses %s with its reason', (_what, who, command, reason) => {
    expect(new Story().fails(who, command)).toMatchObject(refusal('VALIDATION_FAILED', reason));
  });

  it('refuses a list of too many or overlong items', () => {
    const story = inProgress();
    const many = Array.from({ length: 51 }, (_, i) => `材料${i}`);
    expect(story.fails('handler', { type: 'requestMaterials', items: many })).toMatchObject(refusal('VALIDATION_FAILED', 'too_many_items'));
    expect(story.fails('handler', { type: 'requestMaterials', items: ['x'.repeat(101)] })).toMatchObject(
      refusal('VALIDATION_FAILED', 'item_name_too_long'),
    );
  });
});
