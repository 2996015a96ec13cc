export * from './reference';
export * from './compare';
