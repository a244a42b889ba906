/**
 * A county's own structure from a spreadsheet: its units with their 公示栏 and coordinates, the
 * invites for its advisors and staff, and holiday years. Every row passes the same contracts the
 * functions use (core: org.save's input and tiers, createInvite's input and the invite's phone rule,
 * calendar.saveYear's input), then is written straight to the database (node-sdk, CloudBase or
 * devcloud) as those functions store it. Re-importing updates what an earlier import wrote and never
 * duplicates; a rejected row is reported with its sheet, line and reason, and skipped.
 */
import crypto from 'node:crypto';
import {
  calendarContracts,
  identityContracts,
  INVITE_CODE_ALPHABET,
  INVITE_CODE_LENGTH,
  maskPhone,
  mobileSchema,
  orgInputSchema,
  pathFor,
  replaceYear,
  ROLE_LABELS,
  SERVICE_LABELS,
  TIER_LABELS,
  type CalendarOverride,
  type CalendarYearEntry,
  type GrantRole,
  type OrgInput,
  type Tier,
} from '../../core';
import { importProviders, isProviderSheet, type ProviderStore } from './providers';
import type { Row, Sheet } from './sheets';

export const UNIT_HEADERS = ['编号', '层级', '上级编号', '名称', '地址', '服务', '工作职责', '联系人', '联系电话', '驻点时间', '监督电话', '经度', '纬度'] as const;
export const PEOPLE_HEADERS = ['姓名', '手机号', '角色', '服务单位', '有效天数'] as const;
export const HOLIDAY_HEADERS = ['年份', '日期', '类型', '依据'] as const;
export const SHEET_NAMES = { units: '单位', people: '人员', holidays: '节假日' } as const;

const TIER_BY_LABEL: Record<string, Tier> = { 中心: 'center', 工作站: 'station', 工作室: 'room' };
for (const [tier, label] of Object.entries(TIER_LABELS)) TIER_BY_LABEL[label] = tier as Tier;
const SERVICE_BY_LABEL = new Map(Object.entries(SERVICE_LABELS).map(([k, v]) => [v, k]));
const ROLE_BY_LABEL = new Map<string, GrantRole>(
  (['advisor', 'staff', 'supervisor', 'admin'] as const).map((r) => [ROLE_LABELS[r], r]),
);
ROLE_BY_LABEL.set('村法律顾问', 'advisor');
const KIND_BY_LABEL: Record<string, CalendarOverride['kind']> = { 放假: 'holiday', 上班: 'workday', 调休上班: 'workday' };
const TIER_ORDER: Record<Tier, number> = { center: 0, station: 1, bureau: 1, room: 2 };
/** A list cell: 、，, ; and spaces all separate. */
const listOf = (cell: string) => cell.split(/[、，,;；\s]+/).map((x) => x.trim()).filter(Boolean);

export interface Rejection {
  sheet: string;
  line: number;
  reason: string;
  message: string;
}

interface ExistingOrg {
  _id: string;
  tier: Tier;
  parentId: string | null;
  path: string[];
}
export interface InviteRecord {
  _id: string;
  role: GrantRole;
  orgIds: string[];
  note: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedBy: string | null;
  usedAt: Date | null;
  importKey: string;
}

/** What the import needs of a database: node-sdk against CloudBase or devcloud (scripts/import.ts). */
export interface CountyStore extends ProviderStore {
  orgs(ids: string[]): Promise<ExistingOrg[]>;
  saveOrg(id: string, doc: Record<string, unknown>): Promise<void>;
  inviteByKey(importKey: string): Promise<InviteRecord | null>;
  addInvite(doc: InviteRecord): Promise<void>;
  updateInvite(code: string, patch: Partial<InviteRecord>): Promise<void>;
  calendar(): Promise<{ overrides: CalendarOverride[]; years: CalendarYearEntry[] }>;
  saveCalendar(doc: { overrides: CalendarOverride[]; years: CalendarYearEntry[]; updatedAt: Date; updatedBy: string }): Promise<void>;
}

export interface ImportReport {
  units: { created: string[]; updated: string[] };
  invites: Array<{ line: number; name: string; role: GrantRole; orgIds: string[]; code: string; state: 'created' | 'updated' | 'redeemed' }>;
  years: number[];
  /** The providers sheet (scripts/import/providers.ts). */
  providers: { created: string[]; updated: string[] };
  rejected: Rejection[];
}

function sheetKind(sheet: Sheet): keyof typeof SHEET_NAMES | null {
  const has = (h: string) => sheet.headers.includes(h);
  if (has('编号') && has('层级')) return 'units';
  if (has('姓名') && has('手机号')) return 'people';
  if (has('年份') && has('日期')) return 'holidays';
  return null;
}

/** The first problem zod found, as the functions' VALIDATION_FAILED names it. */
function zodReason(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): { reason: string; message: string } {
  const issue = error.issues[0];
  const field = (issue?.path ?? []).map(String).join('.');
  return { reason: 'invalid_input', message: `${field ? `${field}：` : ''}${issue?.message ?? '内容不对'}` };
}

class RowError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

function unitInput(row: Row): OrgInput {
  const c = row.cells;
  const tier = TIER_BY_LABEL[c['层级'] ?? ''];
  if (!tier) throw new RowError('unknown_tier', `层级应为 中心、工作站 或 工作室，而不是「${c['层级'] ?? ''}」`);
  const services = listOf(c['服务'] ?? '').map((label) => {
    const s = SERVICE_BY_LABEL.get(label);
    if (!s) throw new RowError('unknown_service', `没有「${label}」这项服务`);
    return s;
  });
  const [lng, lat] = [c['经度'] ?? '', c['纬度'] ?? ''];
  if ((lng === '') !== (lat === '')) throw new RowError('bad_coordinates', '经度和纬度要一起填写（GCJ-02）');
  const input: Record<string, unknown> = {
    id: c['编号'] ?? '',
    tier,
    parentId: c['上级编号'] || null,
    name: c['名称'] ?? '',
    address: c['地址'] ?? '',
    services,
    notice: {
      duty: c['工作职责'] ?? '',
      contactPerson: c['联系人'] ?? '',
      contactPhone: c['联系电话'] ?? '',
      officeHours: c['驻点时间'] ?? '',
      supervisionPhone: c['监督电话'] ?? '',
    },
    ...(lng !== '' && { location: { lat: Number(lat), lng: Number(lng) } }),
  };
  const parsed = orgInputSchema.safeParse(input);
  if (!parsed.success) {
    const { reason, message } = zodReason(parsed.error);
    throw new RowError(reason, message);
  }
  return parsed.data;
}

async function importUnits(rows: Array<{ sheet: string; row: Row }>, store: CountyStore, now: Date, report: ImportReport): Promise<void> {
  const parsed: Array<{ sheet: string; row: Row; input: OrgInput }> = [];
  const seen = new Set<string>();
  for (const { sheet, row } of rows) {
    try {
      const input = unitInput(row);
      if (seen.has(input.id)) throw new RowError('duplicate_unit', `编号 ${input.id} 在表中出现了不止一次`);
      seen.add(input.id);
      parsed.push({ sheet, row, input });
    } catch (err) {
      reject(report, sheet, row, err);
    }
  }
  if (!parsed.length) return;
  // Parents before children, whatever the order of the rows.
  parsed.sort((a, b) => TIER_ORDER[a.input.tier] - TIER_ORDER[b.input.tier] || a.row.line - b.row.line);
  const ids = [...new Set(parsed.flatMap((p) => [p.input.id, ...(p.input.parentId ? [p.input.parentId] : [])]))];
  const known = new Map((await store.orgs(ids)).map((o) => [o._id, o]));
  for (const { sheet, row, input } of parsed) {
    try {
      const existing = known.get(input.id);
      if (existing && (existing.parentId !== input.parentId || existing.tier !== input.tier)) {
        throw new RowError('unit_fixed', '单位的层级和上级单位建立后不能修改');
      }
      const parent = input.parentId ? known.get(input.parentId) : null;
      if (input.parentId && !parent) throw new RowError('unknown_parent', `上级单位 ${input.parentId} 不存在，也不在表中`);
      const path = pathFor(input.tier, parent ? { id: parent._id, tier: parent.tier, path: parent.path } : null);
      if (path === 'WRONG_PARENT') throw new RowError('wrong_parent', '上级单位不对：工作站属于中心，工作室属于工作站');
      const { id, ...rest } = input;
      await store.saveOrg(id, { ...rest, path, active: true, updatedAt: now });
      known.set(id, { _id: id, tier: input.tier, parentId: input.parentId, path });
      (existing ? report.units.updated : report.units.created).push(id);
    } catch (err) {
      reject(report, sheet, row, err);
    }
  }
}

function newCode(): string {
  return Array.from({ length: INVITE_CODE_LENGTH }, () => INVITE_CODE_ALPHABET[crypto.randomInt(INVITE_CODE_ALPHABET.length)]).join('');
}

const DAY_MS = 86_400_000;

async function importPeople(rows: Array<{ sheet: string; row: Row }>, store: CountyStore, now: Date, report: ImportReport): Promise<void> {
  for (const { sheet, row } of rows) {
    try {
      const c = row.cells;
      const name = (c['姓名'] ?? '').trim();
      const phone = mobileSchema.safeParse(c['手机号'] ?? '');
      if (!phone.success) throw new RowError('bad_phone', `手机号「${c['手机号'] ?? ''}」不对，请填写11位手机号`);
      const role = ROLE_BY_LABEL.get(c['角色'] ?? '');
      if (!role) throw new RowError('unknown_role', `角色应为 法律顾问、工作人员、负责人 或 管理员，而不是「${c['角色'] ?? ''}」`);
      const orgIds = listOf(c['服务单位'] ?? '');
      const days = c['有效天数'] ? Number(c['有效天数']) : 30;
      // The note names the person as createInvite's note would, with the number masked as stored everywhere.
      const note = `${name} ${maskPhone(phone.data)}`;
      const parsed = identityContracts.createInvite.input.safeParse({ role, orgIds, note, validDays: days });
      if (!parsed.success || name === '' || name.length > 20) {
        throw new RowError('invalid_input', parsed.success ? '请填写姓名（20字以内）' : zodReason(parsed.error).message);
      }
      const units = await store.orgs(orgIds);
      const missing = orgIds.filter((id) => !units.some((u) => u._id === id));
      if (missing.length) throw new RowError('unknown_unit', `服务单位 ${missing.join('、')} 不存在`);
      // One invite per person and role across imports: the key holds nothing the note does not.
      const importKey = crypto.createHash('sha256').update(`${role}|${note}`).digest('hex').slice(0, 32);
      const expiresAt = new Date(now.getTime() + parsed.data.validDays * DAY_MS);
      const existing = await store.inviteByKey(importKey);
      if (existing?.usedBy) {
        report.invites.push({ line: row.line, name, role, orgIds: existing.orgIds, code: existing._id, state: 'redeemed' });
      } else if (existing) {
        await store.updateInvite(existing._id, { orgIds, note, expiresAt });
        report.invites.push({ line: row.line, name, role, orgIds, code: existing._id, state: 'updated' });
      } else {
        const code = newCode();
        await store.addInvite({ _id: code, role, orgIds, note, createdBy: 'import', createdAt: now, expiresAt, usedBy: null, usedAt: null, importKey });
        report.invites.push({ line: row.line, name, role, orgIds, code, state: 'created' });
      }
    } catch (err) {
      reject(report, sheet, row, err);
    }
  }
}

async function importHolidays(rows: Array<{ sheet: string; row: Row }>, store: CountyStore, now: Date, report: ImportReport): Promise<void> {
  const years = new Map<number, { source: string; overrides: CalendarOverride[]; rows: Array<{ sheet: string; row: Row }> }>();
  for (const { sheet, row } of rows) {
    try {
      const c = row.cells;
      const year = Number(c['年份']);
      const date = c['日期'] ?? '';
      const kind = KIND_BY_LABEL[c['类型'] ?? ''];
      if (!Number.isInteger(year)) throw new RowError('invalid_input', `年份「${c['年份'] ?? ''}」不对`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number(date.slice(0, 4)) !== year) throw new RowError('bad_date', `日期「${date}」应为 ${year} 年内的 YYYY-MM-DD`);
      if (!kind) throw new RowError('unknown_kind', `类型应为 放假 或 上班，而不是「${c['类型'] ?? ''}」`);
      const entry = years.get(year) ?? { source: '', overrides: [], rows: [] };
      entry.source ||= c['依据'] ?? '';
      entry.overrides.push({ date, kind });
      entry.rows.push({ sheet, row });
      years.set(year, entry);
    } catch (err) {
      reject(report, sheet, row, err);
    }
  }
  for (const [year, entry] of [...years].sort(([a], [b]) => a - b)) {
    const parsed = calendarContracts.saveYear.input.safeParse({ year, source: entry.source, overrides: entry.overrides });
    if (!parsed.success) {
      // A year is saved whole or not at all, as saveYear does: every one of its rows is reported.
      const { reason, message } = zodReason(parsed.error);
      for (const { sheet, row } of entry.rows) report.rejected.push({ sheet, line: row.line, reason, message: `${year}年：${message}` });
      continue;
    }
    const current = await store.calendar();
    const next = replaceYear(current.overrides, current.years, { ...parsed.data, savedAt: now.toISOString() });
    await store.saveCalendar({ ...next, updatedAt: now, updatedBy: 'import' });
    report.years.push(year);
  }
}

function reject(report: ImportReport, sheet: string, row: Row, err: unknown): void {
  if (!(err instanceof RowError)) throw err;
  report.rejected.push({ sheet, line: row.line, reason: err.reason, message: err.message });
}

/** Imports every sheet it recognises by its headers: units first, then people, then holidays. */
export async function importCounty(sheets: Sheet[], store: CountyStore, now: Date = new Date()): Promise<ImportReport> {
  const report: ImportReport = { units: { created: [], updated: [] }, invites: [], years: [], providers: { created: [], updated: [] }, rejected: [] };
  const providerRows: Array<{ sheet: string; row: Row }> = [];
  const byKind = { units: [], people: [], holidays: [] } as Record<keyof typeof SHEET_NAMES, Array<{ sheet: string; row: Row }>>;
  for (const sheet of sheets) {
    if (isProviderSheet(sheet)) {
      providerRows.push(...sheet.rows.map((row) => ({ sheet: sheet.name, row })));
      continue;
    }
    const kind = sheetKind(sheet);
    if (!kind) {
      if (sheet.rows.length) report.rejected.push({ sheet: sheet.name, line: 1, reason: 'unknown_sheet', message: '看不出这张表是单位、人员还是节假日：请用模板的表头' });
      continue;
    }
    byKind[kind].push(...sheet.rows.map((row) => ({ sheet: sheet.name, row })));
  }
  await importUnits(byKind.units, store, now, report);
  await importPeople(byKind.people, store, now, report);
  await importHolidays(byKind.holidays, store, now, report);
  await importProviders(providerRows, store, now, report);
  report.rejected.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.line - b.line);
  return report;
}
