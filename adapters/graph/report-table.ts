import { z } from 'zod';

/** The report actions' stream body (graph-intune.md §6.2): rows are positional, their meaning is in `Schema`. */
export const reportTableSchema = z.object({
  TotalRowCount: z.number(),
  Schema: z.array(z.object({ Column: z.string(), PropertyType: z.string().optional() })),
  Values: z.array(z.array(z.unknown())),
});
export type ReportTable = z.infer<typeof reportTableSchema>;

/** Rows as column-name → value records, never by fixed position. */
export function reportRows(table: ReportTable): Record<string, unknown>[] {
  const columns = table.Schema.map((column) => column.Column);
  return table.Values.map((row) => Object.fromEntries(columns.map((column, index) => [column, row[index]])));
}
