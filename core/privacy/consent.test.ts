import { ageOn, birthDateOfIdNumber, consentProblem, CONSENT_TEXTS, currentConsents, currentText, hasConsent, needsGuardian, type ConsentRecord } from './consent';
import { bookingErasable, deletionItems, DELETABLE_CATEGORIES } from './retention';

const NOW = new Date('2026-12-01T02:00:00Z');
const V = currentText(CONSENT_TEXTS.sensitive_optional).version;
const rec = (over: Partial<ConsentRecord>): ConsentRecord => ({ openid: 'o1', purpose: 'sensitive_optional', version: V, given: true, at: new Date('2026-12-01T01:00:00Z'), minor: null, guardianRelation: null, ref: null, ...over });

describe('guardian consent (PIPL Art 31)', () => {
  it('counts whole years on Beijing days: a child turns 14 on the birthday, not before', () => {
    expect(ageOn('2012-12-01', '2026-12-01')).toBe(14);
    expect(ageOn('2012-12-02', '2026-12-01')).toBe(13);
    // 23:30 Beijing on 30 Nov is still the day before the birthday.
    expect(needsGuardian('2012-12-01', new Date('2026-11-30T15:30:00Z'))).toBe(true);
    expect(needsGuardian('2012-12-01', new Date('2026-11-30T16:30:00Z'))).toBe(false);
  });

  it('reads the birth date out of an ID number, or none from a malformed one', () => {
    expect(birthDateOfIdNumber('420102201301011231')).toBe('2013-01-01');
    expect(birthDateOfIdNumber('420102201313011231')).toBeNull();
    expect(birthDateOfIdNumber('42010220130101')).toBeNull();
  });

  it('asks a guardian for a child under 14 and the person themselves from 14', () => {
    const child = { name: '小明', birthDate: '2016-05-01' };
    const base = { purpose: 'sensitive_optional', version: V, given: true, ref: null } as const;
    expect(consentProblem({ ...base, minor: child, guardianRelation: null }, [], NOW)).toBe('guardian_required');
    expect(consentProblem({ ...base, minor: child, guardianRelation: 'mother' }, [], NOW)).toBeNull();
    expect(consentProblem({ ...base, minor: { name: '小红', birthDate: '2010-01-01' }, guardianRelation: 'mother' }, [], NOW)).toBe('not_under_14');
  });
});

describe('separate consents, versioned and timed', () => {
  it('takes a consent only to the current text, and a withdrawal only of a consent in force', () => {
    const base = { purpose: 'sensitive_optional', minor: null, guardianRelation: null, ref: null } as const;
    expect(consentProblem({ ...base, version: 'old', given: true }, [], NOW)).toBe('consent_text_outdated');
    expect(consentProblem({ ...base, version: V, given: false }, [], NOW)).toBe('not_consented');
    expect(consentProblem({ ...base, version: V, given: false }, [rec({})], NOW)).toBeNull();
    expect(consentProblem({ ...base, version: V, given: false }, [rec({}), rec({ given: false, at: new Date('2026-12-01T01:30:00Z') })], NOW)).toBe('not_consented');
  });

  it('keeps the latest answer per purpose, person and matter; a consent to an old text is no consent now', () => {
    const later = new Date('2026-12-01T01:30:00Z');
    const records = [rec({}), rec({ given: false, at: later }), rec({ purpose: 'legal_aid_verification', version: currentText(CONSENT_TEXTS.legal_aid_verification).version, ref: 'la-1' })];
    expect(currentConsents(records).map((r) => [r.purpose, r.given])).toEqual([
      ['sensitive_optional', false],
      ['legal_aid_verification', true],
    ]);
    expect(hasConsent(records, { purpose: 'sensitive_optional', minor: null, ref: null })).toBe(false);
    expect(hasConsent(records, { purpose: 'legal_aid_verification', minor: null, ref: 'la-1' })).toBe(true);
    expect(hasConsent(records, { purpose: 'legal_aid_verification', minor: null, ref: 'la-2' })).toBe(false);
    expect(hasConsent([rec({ version: 'older' })], { purpose: 'sensitive_optional', minor: null, ref: null })).toBe(false);
  });
});

describe('deletion requests (PIPL Art 47, 50)', () => {
  it('queues what no rule keeps and is held, and answers the rest at once with the rule', () => {
    expect(DELETABLE_CATEGORIES).toEqual(['bookings', 'profile', 'resident_profile']);
    const items = deletionItems(['bookings', 'cases', 'profile', 'bookings'], { bookings: 2, cases: 1 });
    expect(items.map((i) => [i.category, i.outcome])).toEqual([
      ['bookings', 'queued'],
      ['cases', 'kept_by_rule'],
      ['profile', 'nothing_held'],
    ]);
    expect(items[1]?.note).toContain('立卷归档');
  });

  it('erases a booking that is over or cancelled, never a seat still to come', () => {
    expect(bookingErasable({ status: 'booked', startsAt: '2026-12-02T01:00:00Z' }, NOW)).toBe(false);
    expect(bookingErasable({ status: 'booked', startsAt: '2026-11-30T01:00:00Z' }, NOW)).toBe(true);
    expect(bookingErasable({ status: 'cancelled', startsAt: '2026-12-02T01:00:00Z' }, NOW)).toBe(true);
  });
});
