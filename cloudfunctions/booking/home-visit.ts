import { createHash } from 'node:crypto';
import { bookingContracts, bookingRefusal, homeVisitBasis, homeVisitSummary, refuse } from '@core';
import { loadCalendar } from '../_runtime/calendar';
import type { Handler } from '../_runtime/function';
import { loadOrgs } from '../_runtime/orgs';
import { actingActor } from '../case/reach';
import { openCase } from '../case/store';
import { protectedPerson } from './store';

/** A case id per caller and requestId: a repeated request finds the case it opened (openCase answers it). */
function caseIdFor(openid: string, requestId: string): string {
  return `h${createHash('sha256').update(`homeVisit\n${openid}\n${requestId}`).digest('base64url').slice(0, 24)}`;
}

/**
 * 上门服务: core decides whether the request qualifies (age from the birth date, else the stated age;
 * or one of the groups); it becomes one case at the unit through the case store's intake, marked
 * 重点群体 for the 绿色通道, its summary naming the address, the times that suit and what it was
 * granted on. Staff then schedule the visit as they handle any case.
 */
export const requestHomeVisit: Handler<typeof bookingContracts.requestHomeVisit> = async (input, ctx) => {
  if (!ctx.requestId) throw refuse('BAD_REQUEST', 'missing_request_id');
  const now = ctx.now();
  const basis = homeVisitBasis({ birthDate: input.birthDate, statedAge: input.age, groups: input.groups }, now);
  const [org] = await loadOrgs([input.orgId]);
  if (!org || !org.active) throw bookingRefusal('unit_not_found', '没有这个服务单位');
  const me = ctx.actor.openid;
  const { calendar } = await loadCalendar(now);
  const doc = await openCase(
    caseIdFor(me, ctx.requestId),
    {
      channel: 'miniprogram',
      category: input.service,
      summary: homeVisitSummary(input, basis),
      applicant: protectedPerson({ openid: input.proxy ? null : me, ...input.applicant }),
      proxy: input.proxy ? protectedPerson({ openid: me, ...input.proxy }) : null,
      orgId: org._id,
      priorityGroups: basis.priorityGroups,
    },
    { actor: actingActor(ctx, input.proxy?.name ?? input.applicant.name), at: now },
    [...org.path],
    calendar,
  );
  return { caseId: doc._id, code: doc.code };
};
