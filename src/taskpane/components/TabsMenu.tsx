/**
 * The menu of the tabs that do not fit the pane's width (the "more" button of the tab bar). Its own
 * chunk, loaded as soon as a tab is out of the row, so Fluent's Menu stays out of the initial bundle.
 */
import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger } from '@fluentui/react-components';
import type { TabItem } from './tabItem';

export interface TabsMenuProps {
  /** The tabs out of the row. */
  tabs: TabItem[];
  label: string;
  onSelect: (id: string) => void;
}

export default function TabsMenu({ tabs, label, onSelect }: TabsMenuProps) {
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="transparent" size="small" data-testid="more-tabs">
          {label}
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {tabs.map((tab) => (
            <MenuItem key={tab.id} onClick={() => onSelect(tab.id)} data-testid={`menu-tab-${tab.id}`}>
              {tab.label}
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
