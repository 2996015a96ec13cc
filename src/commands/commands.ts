/**
 * The ribbon's function file (FunctionFile in manifest.xml). Both ribbon buttons open the task pane
 * (ShowTaskpane: "Phiếu đánh giá" → taskpane.html, "Xếp hạng" → taskpane.html?view=ranking), so no
 * ExecuteFunction command is registered yet; a future one is added to `actions` and to the manifest.
 */
type CommandHandler = (event: Office.AddinCommands.Event) => void | Promise<void>;

export const actions: Record<string, CommandHandler> = {};

Office.onReady(() => {
  for (const [name, handler] of Object.entries(actions)) Office.actions.associate(name, handler);
});
