/** The consolidation use case (files in → ranking, sheets, warnings), shared by the CLI, the pane and the samples. */
export * from './consolidate';
export * from './crosscheck';
export * from './rulebook';
