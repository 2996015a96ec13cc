export * from './schema';
export * from './inputs';
export * from './load';
export * from './builtin';
export * from './policies';
export * from './applies';
