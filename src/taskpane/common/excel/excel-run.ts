/** How the Excel writers reach the workbook: `Excel.run` in the add-in, a fake context in tests. */
export type ExcelBatch<T> = (context: Excel.RequestContext) => Promise<T>;
export type ExcelRunner = <T>(batch: ExcelBatch<T>) => Promise<T>;

export const runInExcel: ExcelRunner = (batch) => Excel.run(batch);

/** Whether the host supports an ExcelApi requirement set, e.g. "1.18" for notes. */
export type ApiSupport = (version: string) => boolean;

export const officeApiSupport: ApiSupport = (version) =>
  typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported("ExcelApi", version) === true;

/** The message of an Excel (OfficeExtension) error or any other failure, for the pane. */
export function excelErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
