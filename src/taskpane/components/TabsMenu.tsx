/**
 * The menu of the tabs that do not fit the pane's width (the "more" button of the tab bar). Its own
 * chunk, loaded as soon as a tab overflows, so Fluent's Menu stays out of the pane's initial bundle.
 */
import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, useIsOverflowItemVisible } from '@fluentui/react-components';

export interface TabsMenuProps {
  tabs: { id: string; label: string }[];
  label: string;
  onSelect: (id: string) => void;
}

function HiddenTab({ tab, onSelect }: { tab: TabsMenuProps['tabs'][number]; onSelect: (id: string) => void }) {
  const visible = useIsOverflowItemVisible(tab.id);
  if (visible) return null;
  return (
    <MenuItem onClick={() => onSelect(tab.id)} data-testid={`menu-tab-${tab.id}`}>
      {tab.label}
    </MenuItem>
  );
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
            <HiddenTab key={tab.id} tab={tab} onSelect={onSelect} />
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
