/** A Fluent MessageBar with an optional title and actions: the pane's one way to explain a state. */
import type { ReactNode } from 'react';
import { MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

export interface NoticeProps {
  intent: 'info' | 'warning' | 'error' | 'success';
  title?: string;
  children?: ReactNode;
  actions?: ReactNode;
  /** data-testid for the browser tests */
  testId?: string;
}

export function Notice({ intent, title, children, actions, testId }: NoticeProps) {
  return (
    <MessageBar intent={intent} layout="multiline" data-testid={testId}>
      <MessageBarBody>
        {title && <MessageBarTitle>{title}</MessageBarTitle>}
        {children}
      </MessageBarBody>
      {actions && <MessageBarActions>{actions}</MessageBarActions>}
    </MessageBar>
  );
}
