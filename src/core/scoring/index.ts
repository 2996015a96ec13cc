export * from './types';
export * from './score';
export * from './validate';
export * from './aggregate';
