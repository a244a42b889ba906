import { refuse, type caseContracts } from '@core';
import { audit } from '../_runtime/audit';
import { reveal, sealedOrLegacy } from '../_runtime/protect';
import { tempFileUrl } from '../_runtime/files';
import type { Handler } from '../_runtime/function';
import { actingOrgIds, caseActor, seesAsWorker } from './reach';
import { loadCase } from './store';

type Contracts = typeof caseContracts;

/**
 * The applicant's whole phone number for the worker who has to call: personal information, so on
 * record. This is the only place a case's full numbers are read (the ledger, the workbench and the
 * case pages show them masked): one audit row per case revealed.
 */
export const contact: Handler<Contracts['contact']> = async (input, ctx) => {
  const doc = await loadCase(input.caseId);
  // The contract grants no `own` scope: only a worker who reaches the case as a worker gets past.
  caseActor(ctx, doc, await actingOrgIds(ctx));
  const [phone, proxyPhone] = await reveal(
    ctx,
    { purpose: 'case.contact.read', subject: doc._id, units: [doc.orgId], owners: [doc.applicant.openid, ...(doc.proxy ? [doc.proxy.openid] : [])] },
    [sealedOrLegacy(doc.applicant), doc.proxy ? sealedOrLegacy(doc.proxy) : null],
  );
  return { phone: phone as string, proxyPhone: proxyPhone ?? null };
};

/** A short-lived link to one file on the case: the applicant's photos, and for workers their own and the signature. */
export const fileUrl: Handler<Contracts['fileUrl']> = async (input, ctx) => {
  const doc = await loadCase(input.caseId);
  caseActor(ctx, doc, await actingOrgIds(ctx)); // refuses a caller who does not reach the case
  const asWorker = seesAsWorker(ctx, doc);
  const workersOnly = [...(doc.internalFiles ?? []), ...(doc.signature ? [doc.signature] : [])];
  const onCase = (doc.files ?? []).some((f) => f.fileID === input.fileID) || (asWorker && workersOnly.some((f) => f.fileID === input.fileID));
  // A file of another case answers the same as a missing one: nothing to learn by probing.
  if (!onCase) throw refuse('NOT_FOUND', 'file_not_found', '文件不存在或已被删除');
  const link = await tempFileUrl(input.fileID, ctx.now());
  // Photos of ID cards and contracts are personal information: a worker's look is on record.
  if (asWorker) await audit(ctx, 'case.file.read', doc._id, { fileID: input.fileID });
  return { url: link.url, expiresAt: link.expiresAt.toISOString() };
};
