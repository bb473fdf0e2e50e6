/**
 * Reads the first sheet of an XLSX file into rows of strings: unzip (fflate), then the sheet's cells
 * with their shared or inline strings. Enough to check what an export holds, cell by cell.
 */
import { strFromU8, unzipSync } from 'fflate';

const unescape = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(+n)).replace(/&amp;/g, '&');

function texts(xml: string): string {
  return [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescape(m[1]!)).join('');
}

/** Column letters → 0-based index (A → 0, AA → 26). */
function column(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '')) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function readXlsx(bytes: Uint8Array): { sheetName: string; rows: string[][] } {
  const files = unzipSync(bytes);
  const file = (name: string) => (files[name] ? strFromU8(files[name]!) : null);
  const workbook = file('xl/workbook.xml');
  if (!workbook) throw new Error('not an XLSX file: no xl/workbook.xml');
  const sheetName = unescape(/<sheet [^>]*name="([^"]*)"/.exec(workbook)?.[1] ?? '');
  const shared = [...(file('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]!));
  const sheet = file('xl/worksheets/sheet1.xml');
  if (!sheet) throw new Error('no first sheet');
  const rows: string[][] = [];
  for (const row of sheet.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = [];
    for (const c of row[1]!.matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1]!;
      const ref = /r="([A-Z]+\d+)"/.exec(attrs)?.[1];
      const type = /t="([^"]+)"/.exec(attrs)?.[1];
      const inner = c[2] ?? '';
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      const value = type === 's' ? shared[Number(v)]! : type === 'inlineStr' ? texts(inner) : v !== undefined ? unescape(v) : '';
      const at = ref ? column(ref) : cells.length;
      while (cells.length < at) cells.push('');
      cells[at] = value;
    }
    rows.push(cells);
  }
  return { sheetName, rows };
}
