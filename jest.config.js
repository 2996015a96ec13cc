/**
 * Unit and integration tests. Browser tests (test/browser) run in the same jest run, against Debian's
 * Chromium; the webpack builds they load are made once and shared (test/helpers/pane-builds.ts).
 * Benchmarks (*.bench.ts) are not tests: `npm run test:bench` runs them.
 */
module.exports = {
  // jest's default on 2 cores is one worker; suites share no state (each LibreOffice run has its own
  // profile, each browser suite its own server and browser, builds are locked), so two run side by side
  maxWorkers: 2,
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testTimeout: 60000,
};
