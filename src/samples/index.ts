/** The sample round of `npm run samples` and `npm run demo` (see round.ts). */
export * from './random';
export * from './entries';
export * from './round';
export * from './write';
