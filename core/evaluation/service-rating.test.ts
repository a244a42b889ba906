import { refusal } from '../case/testing';
import { createWorkCalendar } from '../calendar/calendar';
import { serviceReturnVisit } from './return-visit';
import { rateService, type ServedEvent } from './service-rating';

const booking: ServedEvent = {
  kind: 'booking',
  id: 'qs-dongpo:2026-05-12:0900:u1',
  orgId: 'qs-dongpo',
  orgPath: ['qh-center', 'qs-station'],
  label: '预约服务 5月12日 周二 09:00',
  caseId: 'b123',
  raters: ['u1'],
  servedBy: ['staff-1', 'advisor-1'],
  served: true,
};
const at = new Date('2026-05-11T02:00:00Z');

describe('rating a booking or a group question', () => {
  it('is the person served’s, once, after the service', () => {
    expect(() => rateService(booking, 'u2', { satisfaction: 4 }, at, false)).toThrow(expect.objectContaining(refusal('NOT_FOUND', 'subject_not_found')));
    expect(() => rateService(null, 'u1', { satisfaction: 4 }, at, false)).toThrow(expect.objectContaining(refusal('NOT_FOUND', 'subject_not_found')));
    expect(() => rateService({ ...booking, served: false }, 'u1', { satisfaction: 4 }, at, false)).toThrow(expect.objectContaining(refusal('INVALID_STATE', 'not_served_yet')));
    expect(() => rateService(booking, 'u1', { satisfaction: 4 }, at, true)).toThrow(expect.objectContaining(refusal('INVALID_STATE', 'already_rated')));
    expect(rateService(booking, 'u1', { satisfaction: 4, solved: true }, at, false)).toMatchObject({
      _id: `booking:${booking.id}`,
      orgPath: ['qh-center', 'qs-station', 'qs-dongpo'],
      satisfaction: 4,
      solved: true,
      by: 'u1',
      enteredBy: 'self',
    });
  });

  it('gives a 差评 a 回访 for the unit’s supervisors, leaving out who served', () => {
    const task = serviceReturnVisit(booking, { satisfaction: 2, at, id: `booking:${booking.id}` }, createWorkCalendar(), 0);
    expect(task).toMatchObject({ kind: 'dissatisfied', caseId: 'b123', caseCode: booking.label, subject: { kind: 'booking', id: booking.id }, residents: ['u1'], excluded: ['staff-1', 'advisor-1'] });
    expect(serviceReturnVisit(booking, { satisfaction: 3, at, id: 'x' }, createWorkCalendar(), 1)).toBeNull();
    expect(serviceReturnVisit(booking, { satisfaction: 5, at, id: 'x' }, createWorkCalendar(), 1)).toMatchObject({ kind: 'sample' });
  });
});
