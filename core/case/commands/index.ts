// The rule book: each command's decider and each event's applier, one verb per file beside this one.
import type { Applier, CommandType, Decider, EventType } from '../types';
import { applyAccepted, decideAccept } from './accept';
import { applyTransferAccepted, decideAcceptTransfer } from './accept-transfer';
import { applyFilesAdded, decideAddFiles } from './add-files';
import { applyNoteAdded, decideAddNote } from './add-note';
import { applyAssigned, decideAssign } from './assign';
import { applyTransferDeclined, decideDeclineTransfer } from './decline-transfer';
import { applyAutoClosed, decideAutoClose } from './auto-close';
import { applyAidDecided, decideRecordAidDecision } from './record-aid-decision';
import { applyEvaluated, decideEvaluate } from './evaluate';
import { applyMediationRecorded, applyPerformanceRecorded, decideRecordMediation, decideRecordPerformance } from './mediation';
import { applyMaterialsRecorded, decideRecordMaterials } from './record-materials';
import { applyReminded, decideRemind } from './remind';
import { applyRejected, decideReject } from './reject';
import { applyOutsideAccepted, decideRecordAcceptance } from './record-acceptance';
import { applyReferred, decideRefer } from './refer';
import { applyMaterialsRequested, decideRequestMaterials } from './request-materials';
import { applyResolved, decideResolve } from './resolve';
import { applyStarted, decideStart } from './start';
import { applyMaterialsSupplied, decideSupplyMaterials } from './supply-materials';
import { applyTransferred, decideTransfer } from './transfer';
import { applyTriaged, decideTriage } from './triage';
import { applyWithdrawn, decideWithdraw } from './withdraw';
import { applyApplicantLinked } from '../link';

export { decideIntake, openCase } from './intake';

/** What each command records; the guard has already checked the status and the person. */
export const DECIDERS: { [K in CommandType]: Decider<K> } = {
  triage: decideTriage,
  assign: decideAssign,
  accept: decideAccept,
  start: decideStart,
  addNote: decideAddNote,
  remind: decideRemind,
  recordMaterials: decideRecordMaterials,
  requestMaterials: decideRequestMaterials,
  supplyMaterials: decideSupplyMaterials,
  addFiles: decideAddFiles,
  transfer: decideTransfer,
  refer: decideRefer,
  recordAcceptance: decideRecordAcceptance,
  acceptTransfer: decideAcceptTransfer,
  declineTransfer: decideDeclineTransfer,
  resolve: decideResolve,
  reject: decideReject,
  withdraw: decideWithdraw,
  evaluate: decideEvaluate,
  autoClose: decideAutoClose,
  recordAidDecision: decideRecordAidDecision,
  recordMediation: decideRecordMediation,
  recordPerformance: decideRecordPerformance,
};

/** What each event does to an existing case; `received` opens one instead (`openCase`). */
export const APPLIERS: { [K in Exclude<EventType, 'received'>]: Applier<K> } = {
  triaged: applyTriaged,
  assigned: applyAssigned,
  accepted: applyAccepted,
  started: applyStarted,
  noteAdded: applyNoteAdded,
  reminded: applyReminded,
  materialsRecorded: applyMaterialsRecorded,
  materialsRequested: applyMaterialsRequested,
  materialsSupplied: applyMaterialsSupplied,
  filesAdded: applyFilesAdded,
  transferred: applyTransferred,
  referred: applyReferred,
  outsideAccepted: applyOutsideAccepted,
  transferAccepted: applyTransferAccepted,
  transferDeclined: applyTransferDeclined,
  resolved: applyResolved,
  rejected: applyRejected,
  withdrawn: applyWithdrawn,
  evaluated: applyEvaluated,
  autoClosed: applyAutoClosed,
  aidDecided: applyAidDecided,
  mediationRecorded: applyMediationRecorded,
  performanceRecorded: applyPerformanceRecorded,
  applicantLinked: applyApplicantLinked,
};
