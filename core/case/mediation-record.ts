// 人民调解's outcome as a case keeps it (人民调解法 Arts 26, 28, 31, 33).
import type { DayKey } from '../clock';

export type MediationOutcome = 'success' | 'failure';
export type PerformanceStatus = 'full' | 'partial' | 'none';
/** 调解协议: written (书面), or oral and recorded by the mediator (人民调解法 Art 28). */
export interface MediationAgreement {
  form: 'written' | 'oral';
  content: string;
}
export interface MediationRecord {
  outcome: MediationOutcome;
  agreement: MediationAgreement | null;
  /** The last day to ask a court for 司法确认 (Art 33), for an agreement. */
  confirmationBy: DayKey | null;
  /** What the parties were told of other routes when it failed (Art 26). */
  routesTold: string | null;
  at: Date;
  performance: { performed: PerformanceStatus; text: string; at: Date } | null;
}
