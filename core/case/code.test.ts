import fc from 'fast-check';
import { CASE_CATEGORIES, CATEGORY_INFO, PRIORITY_GROUPS, priorityFor } from './categories';
import { counterKey, formatCaseCode, parseCaseCode } from './code';

describe('case categories', () => {
  it('gives every category a unique two-letter prefix', () => {
    const prefixes = CASE_CATEGORIES.map((c) => CATEGORY_INFO[c].prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const p of prefixes) expect(p).toMatch(/^[A-Z]{2}$/);
  });

  it('uses the statutory limits where the law gives one', () => {
    expect(CATEGORY_INFO.legalAid.limit).toEqual({ amount: 7, unit: 'calendarDays' });
    expect(CATEGORY_INFO.consultation.limit).toEqual({ amount: 1, unit: 'workingDays' });
    expect(CATEGORY_INFO.complaint.limit).toEqual({ amount: 3, unit: 'workingDays' });
  });

  it('opens the green channel for any priority group', () => {
    expect(priorityFor([])).toBe('normal');
    for (const g of PRIORITY_GROUPS) expect(priorityFor([g])).toBe('green');
  });
});

describe('case codes (一案一码)', () => {
  it('uses the Beijing date, so a case at 23:30 UTC belongs to the next day', () => {
    const late = new Date('2026-11-21T23:30:00Z'); // 07:30 on the 22nd in Beijing
    expect(formatCaseCode('mediation', late, 7)).toBe('TJ202611220007');
    expect(counterKey('mediation', late)).toBe('case-TJ-20261122');
  });

  it('keeps one counter per prefix and day', () => {
    const at = new Date('2026-11-22T02:00:00Z');
    expect(counterKey('legalAid', at)).not.toBe(counterKey('adminReview', at));
    expect(counterKey('legalAid', at)).not.toBe(counterKey('legalAid', new Date('2026-11-23T02:00:00Z')));
  });

  it('parses what it formats', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CASE_CATEGORIES),
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 999_999 }),
        (category, at, sequence) => {
          const code = formatCaseCode(category, at, sequence);
          expect(parseCaseCode(code)).toMatchObject({ category, sequence, prefix: CATEGORY_INFO[category].prefix });
        },
      ),
    );
  });

  it('reads a code typed in lower case or with spaces around it', () => {
    expect(parseCaseCode(' fy202603020012 ')).toEqual({ category: 'legalAid', prefix: 'FY', day: '2026-03-02', sequence: 12 });
  });

  it('refuses codes that are not well formed', () => {
    for (const bad of ['TJ20261122007', 'QQ202611220007', 'TJ202602300001', 'TJ202611220000', 'TJ2026112200007', 'TJ-20261122-0007', '']) {
      expect(parseCaseCode(bad)).toBeNull();
    }
  });

  it('refuses a sequence the counter cannot have produced', () => {
    const at = new Date('2026-11-22T02:00:00Z');
    expect(() => formatCaseCode('mediation', at, 0)).toThrow(RangeError);
    expect(() => formatCaseCode('mediation', at, 1_000_000)).toThrow(RangeError);
    expect(formatCaseCode('mediation', at, 12_345)).toBe('TJ2026112212345');
  });
});
