/**
 * Spreadsheets in and out, small and dependency-light (fflate only, as measured in
 * shared/reference/tooling-2026.md §3): read a CSV (UTF-8, or GB18030 as Excel on a Chinese Windows
 * saves it) or an .xlsx's sheets into rows keyed by header, each with its spreadsheet line number;
 * write an .xlsx of plain text cells (the import template).
 */
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

export interface Row {
  /** The spreadsheet's own row number (the header is line 1). */
  line: number;
  cells: Record<string, string>;
}
export interface Sheet {
  name: string;
  headers: string[];
  rows: Row[];
}

function decodeText(buf: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    text = new TextDecoder('gb18030').decode(buf);
  }
  return text.replace(/^\uFEFF/, '');
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function toSheet(name: string, grid: string[][]): Sheet {
  const headers = (grid[0] ?? []).map((h) => h.trim());
  const rows: Row[] = [];
  grid.slice(1).forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    rows.push({ line: i + 2, cells: Object.fromEntries(headers.map((h, j) => [h, (cells[j] ?? '').trim()])) });
  });
  return { name, headers, rows };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e] ?? ''),
  );
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** The text of every <t> in an element (rich-text runs concatenated). */
const textOf = (xml: string) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescapeXml(m[1] ?? '')).join('');
const colIndex = (ref: string) => [...(ref.match(/^[A-Z]+/)?.[0] ?? 'A')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

export function readXlsx(buf: Uint8Array): Sheet[] {
  const files = unzipSync(buf);
  const file = (p: string) => (files[p] ? strFromU8(files[p]) : '');
  const shared = [...file('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textOf(m[1] ?? ''));
  const rels = new Map([...file('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)].map((m) => [/Id="([^"]+)"/.exec(m[0])?.[1], /Target="([^"]+)"/.exec(m[0])?.[1]]));
  const sheets: Sheet[] = [];
  for (const m of file('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)) {
    const name = unescapeXml(/name="([^"]*)"/.exec(m[0])?.[1] ?? '');
    const target = rels.get(/r:id="([^"]+)"/.exec(m[0])?.[1]) ?? '';
    const xml = file(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    const grid: string[][] = [];
    for (const r of xml.matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>/g)) {
      const rowNo = Number(/\br="(\d+)"/.exec(r[1] ?? '')?.[1] ?? grid.length + 1);
      const cells: string[] = [];
      for (const c of (r[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const attrs = c[1] ?? '';
        const body = c[2] ?? '';
        const ref = /\br="([A-Z]+)\d+"/.exec(attrs)?.[1] ?? '';
        const type = /\bt="([^"]+)"/.exec(attrs)?.[1];
        const v = unescapeXml(/<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? '');
        cells[ref ? colIndex(ref) : cells.length] = type === 's' ? (shared[Number(v)] ?? '') : type === 'inlineStr' ? textOf(body) : v;
      }
      grid[rowNo - 1] = Array.from(cells, (x) => x ?? '');
    }
    sheets.push(toSheet(name, Array.from(grid, (x) => x ?? [])));
  }
  return sheets;
}

export function readSpreadsheet(file: string): Sheet[] {
  const buf = fs.readFileSync(file);
  if (/\.xlsx$/i.test(file)) return readXlsx(buf);
  if (/\.csv$/i.test(file)) return [toSheet(path.basename(file, path.extname(file)), parseCsv(decodeText(buf)))];
  throw new Error(`${file}: not a .xlsx or .csv file`);
}

/** Excel's column letters for a 0-based index. */
function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** An .xlsx of text cells, one sheet per entry; the same input always gives the same bytes. */
export function writeXlsx(sheets: Array<{ name: string; rows: string[][] }>): Uint8Array {
  const sheetXml = (rows: string[][]) =>
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    rows
      .map((r, i) => `<row r="${i + 1}">${r.map((v, j) => `<c r="${colName(j)}${i + 1}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`).join('')}</row>`)
      .join('') +
    '</sheetData></worksheet>';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets.map((_s, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
        sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
        '</Relationships>',
    ),
  };
  sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s.rows))));
  // A fixed time stamp: the committed template is byte-for-byte what the generator writes.
  return zipSync(files, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') });
}
