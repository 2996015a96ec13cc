/** One tab of the pane's tab row; apart from TabBar so the lazily loaded menu can name it too. */
export interface TabItem {
  id: string;
  label: string;
}
