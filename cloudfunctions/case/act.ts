import { commitmentOf, refuse, toDetail, unitsMentioned, type caseContracts } from '@core';
import { countyCommitments } from './settings';
import { loadCalendar } from '../_runtime/calendar';
import type { MemberDoc } from '../_runtime/actor';
import type { ActionContext, Handler } from '../_runtime/function';
import { pathOf, unitNames } from '../_runtime/orgs';
import { explainMaterials, servicesOf } from '@core';
import { loadCatalogue } from '../guide/catalogue';
import { handlerCandidates } from './handlers';
import { actingOrgIds, assertReach, caseActor, seesAsWorker } from './reach';
import { loadCase, runCommand } from './store';
import { returnVisitWrites } from '../evaluation/return-visits';

type Contracts = typeof caseContracts;

/** Signing for or declining a transfer: staff act for every unit under theirs (e.g. a village room). */
const TRANSFER_COMMANDS = new Set(['acceptTransfer', 'declineTransfer']);

/** The handler of an assign comes from the member records, never from the payload's say-so. */
async function eligibleHandler(ctx: ActionContext, caseId: string, openid: string): Promise<{ openid: string; name: string }> {
  const doc = await loadCase(caseId);
  assertReach(ctx, doc);
  const member = (await handlerCandidates(doc)).find((c) => c.member._id === openid)?.member;
  if (!member) throw refuse('VALIDATION_FAILED', 'handler_not_eligible', '只能指派给本单位或下属单位的工作人员、法律顾问');
  return { openid: member._id, name: member.displayName };
}

/** One command of the case state machine: core decides, the store writes case and events together. */
export const act: Handler<Contracts['act']> = async (input, ctx) => {
  const now = ctx.now();
  const { calendar } = await loadCalendar(now);
  // An assign checks the handler on the case before the command: it reads the caller now.
  if (input.command.type === 'assign') await ctx.adoptCaller?.();
  // Otherwise the caller's member record comes with the case's own read (contract callerReadBy).
  const unitsActedFor = async () => (TRANSFER_COMMANDS.has(input.command.type) ? await actingOrgIds(ctx) : ctx.actor.orgIds);
  let orgIds = ctx.adoptCaller ? [] : await unitsActedFor();
  const caller = ctx.adoptCaller && {
    openid: ctx.actor.openid,
    adopt: async (member: MemberDoc | null) => {
      await ctx.adoptCaller?.(member);
      orgIds = await unitsActedFor();
    },
  };
  const command =
    input.command.type === 'assign'
      ? { ...input.command, handler: await eligibleHandler(ctx, input.caseId, input.command.handler.openid) }
      : input.command.type === 'triage' && input.command.category
        ? { ...input.command, limit: commitmentOf(input.command.category, countyCommitments()) } // the county's, for a new category
        : input.command.type === 'requestMaterials' && input.command.listed?.length
          ? { ...input.command, explained: explainMaterials(input.command.listed, (await loadCatalogue(servicesOf(input.command.listed))).inputs) } // as the 服务指南 reads now
          : input.command;
  // The command's own read and writes give the whole timeline: no second read for the answer.
  const { doc, actor, timeline: events } = await runCommand(input.caseId, command, now, { calendar, actorFor: (d) => caseActor(ctx, d, orgIds), pathOf, extraWrites: returnVisitWrites(calendar), ...(caller && { caller }) });
  return toDetail(doc, events, actor, seesAsWorker(ctx, doc), await unitNames(unitsMentioned(events)), { now, calendar });
};
