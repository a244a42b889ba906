/**
 * The providers sheet (服务机构) of the county import: lawyers and firms, notary offices, mediation
 * committees and mediators, appraisal bodies and 基层法律服务所, each row held to guide.saveProvider's
 * own contract (core/guide) and written by its id as that action stores it, so importing the same
 * sheet twice gives the same directory as once. A rejected row is reported with its line and skipped.
 */
import { CATEGORY_INFO, PROVIDER_KIND_LABELS, providerInputSchema, type CaseCategory, type ProviderKind } from '../../core';
import type { Row, Sheet } from './sheets';

export const PROVIDER_HEADERS = ['机构编号', '类别', '名称', '服务', '地址', '电话', '办公时间', '执业证号', '信用信息', '所属乡镇编号', '经度', '纬度', '停用'] as const;
export const PROVIDER_SHEET = '服务机构';

const KIND_BY_LABEL = new Map(Object.entries(PROVIDER_KIND_LABELS).map(([k, v]) => [v, k as ProviderKind]));
const SERVICE_BY_LABEL = new Map(Object.entries(CATEGORY_INFO).map(([k, v]) => [v.label, k as CaseCategory]));
const listOf = (cell: string) => cell.split(/[、，,;；\s]+/).map((x) => x.trim()).filter(Boolean);

/** What the providers sheet needs of a database (node-sdk against CloudBase or devcloud: scripts/import.ts). */
export interface ProviderStore {
  orgs(ids: string[]): Promise<Array<{ _id: string; tier: string }>>;
  providerIds(ids: string[]): Promise<string[]>;
  saveProvider(id: string, doc: Record<string, unknown>): Promise<void>;
}

export interface ProvidersReport {
  providers: { created: string[]; updated: string[] };
  rejected: Array<{ sheet: string; line: number; reason: string; message: string }>;
}

export function isProviderSheet(sheet: Sheet): boolean {
  return sheet.headers.includes('机构编号') && sheet.headers.includes('类别');
}

class RowError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

function providerInput(row: Row) {
  const c = row.cells;
  const kind = KIND_BY_LABEL.get(c['类别'] ?? '');
  if (!kind) throw new RowError('unknown_kind', `类别应为 ${[...KIND_BY_LABEL.keys()].join('、')} 之一，而不是「${c['类别'] ?? ''}」`);
  const services = listOf(c['服务'] ?? '').map((label) => {
    const s = SERVICE_BY_LABEL.get(label);
    if (!s) throw new RowError('unknown_service', `没有「${label}」这项服务`);
    return s;
  });
  const [lng, lat] = [c['经度'] ?? '', c['纬度'] ?? ''];
  if ((lng === '') !== (lat === '')) throw new RowError('bad_coordinates', '经度和纬度要一起填写（GCJ-02）');
  const parsed = providerInputSchema.safeParse({
    id: c['机构编号'] ?? '',
    kind,
    name: c['名称'] ?? '',
    services,
    address: c['地址'] ?? '',
    phone: c['电话'] ?? '',
    hours: c['办公时间'] ?? '',
    licence: c['执业证号'] ?? '',
    credit: c['信用信息'] ?? '',
    stationId: c['所属乡镇编号'] || null,
    ...(lng !== '' && { location: { lat: Number(lat), lng: Number(lng) } }),
    active: !['是', '停用'].includes((c['停用'] ?? '').trim()),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = (issue?.path ?? []).map(String).join('.');
    throw new RowError('invalid_input', `${field ? `${field}：` : ''}${issue?.message ?? '内容不对'}`);
  }
  return parsed.data;
}

/** Every providers row: checked, its township looked up, then saved by id (created or updated). */
export async function importProviders(rows: Array<{ sheet: string; row: Row }>, store: ProviderStore, now: Date, report: ProvidersReport): Promise<void> {
  const parsed: Array<{ sheet: string; row: Row; input: ReturnType<typeof providerInput> }> = [];
  const seen = new Set<string>();
  for (const { sheet, row } of rows) {
    try {
      const input = providerInput(row);
      if (seen.has(input.id)) throw new RowError('duplicate_provider', `机构编号 ${input.id} 在表中出现了不止一次`);
      seen.add(input.id);
      parsed.push({ sheet, row, input });
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      report.rejected.push({ sheet, line: row.line, reason: err.reason, message: err.message });
    }
  }
  if (!parsed.length) return;
  const stationIds = [...new Set(parsed.flatMap((p) => (p.input.stationId ? [p.input.stationId] : [])))];
  const stations = new Set((await store.orgs(stationIds)).filter((o) => o.tier === 'station').map((o) => o._id));
  const existing = new Set(await store.providerIds(parsed.map((p) => p.input.id)));
  for (const { sheet, row, input } of parsed) {
    if (input.stationId && !stations.has(input.stationId)) {
      report.rejected.push({ sheet, line: row.line, reason: 'unknown_station', message: `所属乡镇 ${input.stationId} 不是已有的乡镇工作站` });
      continue;
    }
    const { id, ...rest } = input;
    await store.saveProvider(id, { ...rest, updatedAt: now, updatedBy: 'import' });
    (existing.has(id) ? report.providers.updated : report.providers.created).push(id);
  }
}
