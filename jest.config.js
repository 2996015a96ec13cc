/** Unit and integration tests. Browser tests (test/browser) run in the same jest run, against Debian's Chromium. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testTimeout: 60000,
};
