export * from './types';
export * from './dates';
export * from './holidays';
export * from './received';
export * from './aggregate';
export * from './ranking';
export * from './deadline';
export * from './previous';
