/** Shows a message instead of a blank pane when a lazily loaded view fails (its chunk cannot be fetched). */
import { Component, type ReactNode } from 'react';

interface Props {
  fallback: (detail: string) => ReactNode;
  children: ReactNode;
}

export class LazyBoundary extends Component<Props, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    return this.state.error ? this.props.fallback(this.state.error.message) : this.props.children;
  }
}
