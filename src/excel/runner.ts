/** The one entry to Office.js batches, as a type: host.ts and report.ts both take it (tests pass a double). */

/** Excel.run, or a double of it: run(batch), run(context, batch) (to reuse an event's context) or run(options, batch). */
export interface ExcelRunner {
  <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  <T>(context: Excel.RequestContext, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  <T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}
