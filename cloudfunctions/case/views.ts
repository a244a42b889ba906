import {
  applicantTimeline,
  availableCommands,
  CATEGORY_INFO,
  staffTimeline,
  STATUS_HINTS,
  STATUS_LABELS,
  maskPhone,
  type ActingActor,
  type CaseDetail,
  type CaseEvent,
  type CaseSummary,
  type UnitName,
} from '@core';
import type { CaseDoc } from './store';

export function toSummary(doc: CaseDoc): CaseSummary {
  return {
    id: doc._id,
    code: doc.code,
    category: doc.category,
    categoryLabel: CATEGORY_INFO[doc.category].label,
    summary: doc.summary,
    status: doc.status,
    statusLabel: STATUS_LABELS[doc.status],
    hint: STATUS_HINTS[doc.status],
    priority: doc.priority,
    orgId: doc.orgId,
    applicantName: doc.applicant.name,
    handlerName: doc.handler?.name ?? null,
    dueAt: doc.dueAt ? new Date(doc.dueAt).toISOString() : null,
    lastEventAt: new Date(doc.lastEventAt).toISOString(),
  };
}

/**
 * One case as this caller may see it: the applicant's side reads only applicant-visible events;
 * a worker acting on the case reads the whole internal timeline.
 */
export function toDetail(doc: CaseDoc, events: readonly CaseEvent[], actor: ActingActor, asWorker: boolean, unitName: UnitName): CaseDetail {
  const timeline = asWorker
    ? staffTimeline(events, unitName)
    : applicantTimeline(events, unitName).map((e) => ({ ...e, internal: false }));
  return {
    case: toSummary(doc),
    missingMaterials: doc.missingMaterials,
    transfer: doc.transfer ? { fromOrgId: doc.transfer.fromOrgId, toOrgId: doc.transfer.toOrgId, reason: asWorker ? doc.transfer.reason : '' } : null,
    lastDecline: asWorker && doc.lastDecline ? { byOrgId: doc.lastDecline.byOrgId, reason: doc.lastDecline.reason } : null,
    result: doc.result,
    firstHandlerName: doc.firstHandler?.name ?? null,
    timeline: timeline.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
    commands: availableCommands(doc, actor),
    asWorker,
    contact: asWorker
      ? {
          name: doc.applicant.name,
          phone: maskPhone(doc.applicant.phone),
          proxy: doc.proxy ? { name: doc.proxy.name, relation: doc.proxy.relation, phone: maskPhone(doc.proxy.phone) } : null,
        }
      : null,
  };
}
