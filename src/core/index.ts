export * from './rulebook';
export * from './scoring';
export * from './numbers';
export * from './units';
export * from './ranking';
export * from './submission';
