export * from './types';
export * from './header';
export * from './log';
export * from './summary';
export * from './input';
